using System.Security.Cryptography;
using IcOperator.Candid;

namespace IcOperator.Audit;

/// <summary>The audit log canister's module, built into the operator, and its init argument.</summary>
internal static class AuditLogModule
{
    /// <summary>The canister's init argument type: the one principal that may append, and the test hook switch.</summary>
    public static readonly CandidType InitArgs = CandidType.Parse("record { writer : principal; enable_test_hooks : opt bool }");

    private static readonly Lazy<byte[]> Module = new(Load);

    public static byte[] Wasm => Module.Value;

    public static string Sha256Hex { get; } = Convert.ToHexStringLower(SHA256.HashData(Module.Value));

    /// <summary>Candid of the init argument; test hooks stay off unless a test asks for them.</summary>
    public static byte[] InitArgument(Principal writer, bool enableTestHooks = false) => CandidEncoder.EncodeOne(InitArgs, CandidValue.Record(
        ("writer", CandidValue.Principal(writer)),
        ("enable_test_hooks", enableTestHooks ? CandidValue.Some(CandidValue.Bool(true)) : CandidValue.None)));

    private static byte[] Load()
    {
        using var stream = typeof(AuditLogModule).Assembly.GetManifestResourceStream("audit-log.wasm")
            ?? throw new InvalidOperationException("The operator was built without its audit-log.wasm resource.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
