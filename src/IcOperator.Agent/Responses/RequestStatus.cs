using System.Text;
using IcOperator.Agent.HashTrees;
using IcOperator.Agent.RequestIds;
using IcOperator.Candid;

namespace IcOperator.Agent.Responses;

/// <summary>
/// A call's status as certified under <c>/request_status/&lt;request id&gt;</c>: received, processing, replied
/// (with the reply), rejected (with code, message, error code), done, or unknown when the tree does not have it.
/// </summary>
public sealed record RequestStatus
{
    public const string Unknown = "unknown";

    public required string Status { get; init; }

    public byte[]? Reply { get; init; }

    public RejectCode? RejectCode { get; init; }

    public string? RejectMessage { get; init; }

    public string? ErrorCode { get; init; }

    /// <summary>True once no further change will come: replied, rejected or done.</summary>
    public bool IsTerminal => Status is "replied" or "rejected" or "done";

    public static RequestStatus FromTree(HashTree tree, RequestId requestId)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var id = requestId.ToArray();
        var status = tree.LookupPath(Path(id, "status"));
        if (status.Status != LookupStatus.Found)
        {
            return new RequestStatus { Status = Unknown };
        }

        var text = Encoding.UTF8.GetString(status.Value!);
        return text switch
        {
            "replied" => new RequestStatus
            {
                Status = text,
                Reply = tree.LookupPath(Path(id, "reply")) is { Status: LookupStatus.Found } r
                    ? r.Value
                    : throw new FormatException($"request_status/{requestId}: status is replied but /reply is missing"),
            },
            "rejected" => new RequestStatus
            {
                Status = text,
                RejectCode = tree.LookupPath(Path(id, "reject_code")) is { Status: LookupStatus.Found } c
                    ? (RejectCode)Leb128.DecodeUnsigned(c.Value, $"request_status/{requestId}/reject_code")
                    : throw new FormatException($"request_status/{requestId}: status is rejected but /reject_code is missing"),
                RejectMessage = tree.LookupPath(Path(id, "reject_message")) is { Status: LookupStatus.Found } m ? Encoding.UTF8.GetString(m.Value!) : string.Empty,
                ErrorCode = tree.LookupPath(Path(id, "error_code")) is { Status: LookupStatus.Found } e ? Encoding.UTF8.GetString(e.Value!) : null,
            },
            _ => new RequestStatus { Status = text },
        };
    }

    private static byte[][] Path(byte[] requestId, string leaf) => ["request_status"u8.ToArray(), requestId, Encoding.ASCII.GetBytes(leaf)];
}
