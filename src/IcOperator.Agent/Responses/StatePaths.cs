using System.Text;
using IcOperator.Candid;

namespace IcOperator.Agent.Responses;

/// <summary>The state-tree paths agents read (spec "The system state tree").</summary>
public static class StatePaths
{
    public static IReadOnlyList<byte[]> Time { get; } = [L("time")];

    public static IReadOnlyList<byte[]> RequestStatus(RequestIds.RequestId requestId) => [L("request_status"), requestId.ToArray()];

    public static IReadOnlyList<byte[]> CanisterModuleHash(Principal canister) => [L("canister"), canister.ToByteArray(), L("module_hash")];

    public static IReadOnlyList<byte[]> CanisterControllers(Principal canister) => [L("canister"), canister.ToByteArray(), L("controllers")];

    public static IReadOnlyList<byte[]> CanisterMetadata(Principal canister, string name) => [L("canister"), canister.ToByteArray(), L("metadata"), Encoding.UTF8.GetBytes(name)];

    public static IReadOnlyList<byte[]> Subnet(Principal subnet) => [L("subnet"), subnet.ToByteArray()];

    public static IReadOnlyList<byte[]> SubnetPublicKey(Principal subnet) => [L("subnet"), subnet.ToByteArray(), L("public_key")];

    public static IReadOnlyList<byte[]> SubnetCanisterRanges(Principal subnet) => [L("subnet"), subnet.ToByteArray(), L("canister_ranges")];

    public static IReadOnlyList<byte[]> SubnetNodes(Principal subnet) => [L("subnet"), subnet.ToByteArray(), L("node")];

    public static IReadOnlyList<byte[]> NodePublicKey(Principal subnet, Principal node) => [L("subnet"), subnet.ToByteArray(), L("node"), node.ToByteArray(), L("public_key")];

    private static byte[] L(string label) => Encoding.ASCII.GetBytes(label);
}
