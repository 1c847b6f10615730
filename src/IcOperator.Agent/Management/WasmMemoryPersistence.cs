namespace IcOperator.Agent.Management;

/// <summary>On upgrade, keep main memory (enhanced orthogonal persistence) or replace it.</summary>
public enum WasmMemoryPersistence
{
    Keep,
    Replace,
}
