namespace IcOperator.Emulators.Ic.Wasm;

/// <summary>A function type of the type section, as Wasm value-type bytes (0x7f i32, 0x7e i64, …).</summary>
internal sealed record WasmFunctionType(byte[] Parameters, byte[] Results)
{
    public const byte I32 = 0x7f;
    public const byte I64 = 0x7e;

    public override string ToString() => $"({Describe(Parameters)}) -> ({Describe(Results)})";

    private static string Describe(byte[] types) => string.Join(", ", types.Select(t => t switch
    {
        I32 => "i32",
        I64 => "i64",
        0x7d => "f32",
        0x7c => "f64",
        _ => $"0x{t:x2}",
    }));
}
