using IcOperator.Candid;

namespace IcOperator.Agent.Icrc3;

/// <summary>The Candid interface of an ICRC-3 log, as the standard's ICRC-3.did defines it, with ICRC-10's method.</summary>
public static class Icrc3Interface
{
    public const string Did = """
        type Value = variant {
            Blob : blob;
            Text : text;
            Nat : nat;
            Int : int;
            Array : vec Value;
            Map : vec record { text; Value };
        };
        type GetArchivesArgs = record { from : opt principal };
        type GetArchivesResult = vec record { canister_id : principal; start : nat; end : nat };
        type GetBlocksArgs = vec record { start : nat; length : nat };
        type GetBlocksResult = record {
            log_length : nat;
            blocks : vec record { id : nat; block : Value };
            archived_blocks : vec record {
                args : GetBlocksArgs;
                callback : func (GetBlocksArgs) -> (GetBlocksResult) query;
            };
        };
        type DataCertificate = record { certificate : blob; hash_tree : blob };
        type SupportedBlockType = record { block_type : text; url : text };
        type SupportedStandard = record { name : text; url : text };
        service : {
            icrc3_get_archives : (GetArchivesArgs) -> (GetArchivesResult) query;
            icrc3_get_tip_certificate : () -> (opt DataCertificate) query;
            icrc3_get_blocks : (GetBlocksArgs) -> (GetBlocksResult) query;
            icrc3_supported_block_types : () -> (vec SupportedBlockType) query;
            icrc10_supported_standards : () -> (vec SupportedStandard) query;
        }
        """;

    private static readonly DidFile File = DidFile.Parse(Did);

    public static CandidType Value { get; } = File.GetType("Value");

    public static CandidType GetBlocksArgs { get; } = File.GetType("GetBlocksArgs");

    public static CandidType GetBlocksResult { get; } = File.GetType("GetBlocksResult");

    public static CandidType GetArchivesArgs { get; } = File.GetType("GetArchivesArgs");

    public static CandidType GetArchivesResult { get; } = File.GetType("GetArchivesResult");

    public static CandidType TipCertificate { get; } = CandidType.Opt(File.GetType("DataCertificate"));

    public static CandidType SupportedBlockTypes { get; } = CandidType.Vec(File.GetType("SupportedBlockType"));

    public static CandidType SupportedStandards { get; } = CandidType.Vec(File.GetType("SupportedStandard"));

    /// <summary>The service type, for interface checks against a canister's <c>candid:service</c>.</summary>
    public static ServiceType Service { get; } = File.Service!;
}
