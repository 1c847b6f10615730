using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;

namespace IcOperator.Controllers.Calls;

/// <summary>
/// Sends a recorded update call so that it runs at most once across operator restarts: the record is persisted
/// before the call leaves, and a record already sent is resolved from what the IC remembers, never sent again.
/// </summary>
internal interface IUpdateCallSender
{
    /// <summary>
    /// Sends <paramref name="record"/>'s call (or resolves it, when it was sent before a restart) and returns the
    /// record with its outcome. <paramref name="persist"/> writes the record to status before anything is sent.
    /// </summary>
    Task<CallRecord> SendAsync(
        NetworkConnection network,
        Principal canister,
        CallRecord record,
        byte[] argument,
        Func<CallRecord, CancellationToken, Task> persist,
        DateTimeOffset now,
        CancellationToken cancellationToken);
}
