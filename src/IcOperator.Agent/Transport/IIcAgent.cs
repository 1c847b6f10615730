using IcOperator.Agent.Certificates;
using IcOperator.Candid;

namespace IcOperator.Agent.Transport;

/// <summary>The IC as canister code sees it: update calls, queries and certified state reads for one network.</summary>
public interface IIcAgent
{
    /// <summary>The principal requests are sent as.</summary>
    Principal Sender { get; }

    Task<Responses.StatusResponse> StatusAsync(CancellationToken cancellationToken = default);

    /// <summary>The DER root key certificates are checked against (built in, given, or fetched once from a local replica).</summary>
    Task<byte[]> RootKeyAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// An update call; returns the Candid reply. <paramref name="effectiveCanisterId"/> routes the request (the target
    /// canister for management canister calls); it defaults to <paramref name="canisterId"/>.
    /// </summary>
    Task<byte[]> CallAsync(Principal canisterId, string method, byte[] arg, Principal? effectiveCanisterId = null, CancellationToken cancellationToken = default);

    /// <summary>Builds and signs an update call without sending it: its request id and ingress expiry can be recorded first.</summary>
    PreparedCall PrepareCall(CanisterCall call);

    /// <summary>
    /// Sends a prepared call and waits for its reply, exactly as <see cref="CallAsync"/> does. Throws
    /// <see cref="IcRejectException"/> on a reject and <see cref="IcCallOutcomeUnknownException"/> when the outcome
    /// could not be learnt (read it later with <c>ReadRequestStatusAsync</c>; never send the call again as a new request).
    /// </summary>
    Task<byte[]> SubmitAsync(PreparedCall call, CancellationToken cancellationToken = default);

    /// <summary>A query; the reply's node signatures are checked against the subnet's node keys.</summary>
    Task<byte[]> QueryAsync(Principal canisterId, string method, byte[] arg, Principal? effectiveCanisterId = null, CancellationToken cancellationToken = default);

    /// <summary>Reads state paths through a canister's subnet; the certificate is verified before it is returned.</summary>
    Task<Certificate> ReadStateAsync(Principal effectiveCanisterId, IReadOnlyList<IReadOnlyList<byte[]>> paths, CancellationToken cancellationToken = default);

    /// <summary>Reads <c>/subnet/...</c> paths of a subnet; the certificate is verified for that subnet.</summary>
    Task<Certificate> ReadSubnetStateAsync(Principal subnetId, IReadOnlyList<IReadOnlyList<byte[]>> paths, CancellationToken cancellationToken = default);
}
