namespace IcOperator.Agent.Wasm;

/// <summary>One section of a Wasm binary: its id and where its content lies in <see cref="WasmModule.WasmBytes"/>.</summary>
public sealed record WasmSection(byte Id, int Offset, int Length)
{
    public const byte CustomId = 0;

    public int End => Offset + Length;
}
