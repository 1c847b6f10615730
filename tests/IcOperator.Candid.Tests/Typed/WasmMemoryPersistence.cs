namespace IcOperator.Candid.Tests.Typed;

public enum WasmMemoryPersistence
{
    Keep,
    Replace,
}
