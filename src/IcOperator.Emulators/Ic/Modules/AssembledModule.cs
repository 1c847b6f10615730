namespace IcOperator.Emulators.Ic.Modules;

/// <summary>A module put together from a chunk store: its bytes and their sha256, the module hash an install checks.</summary>
internal sealed record AssembledModule(byte[] Bytes, byte[] Hash);
