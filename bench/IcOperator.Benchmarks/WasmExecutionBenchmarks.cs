using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using IcOperator.Candid;
using IcOperator.Emulators.Ic.Counters;
using IcOperator.Emulators.Ic.Execution;
using IcOperator.Emulators.Ic.Faults;
using IcOperator.Emulators.Ic.Management;
using IcOperator.Emulators.Ic.Modules;
using IcOperator.Emulators.Ic.State;
using IcOperator.Emulators.Ic.Wasm;

namespace IcOperator.Benchmarks;

/// <summary>
/// The Motoko hello canister inside the emulator's replica (no HTTP): one update call, one query, and compiling
/// its module with Wasmtime the first time and from the cache.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class WasmExecutionBenchmarks
{
    private static readonly Principal Caller = Principal.SelfAuthenticating(Enumerable.Repeat((byte)7, 44).ToArray());
    private readonly byte[] emptyArgs = CandidEncoder.Encode([]);
    private readonly byte[] hello = SampleCanisters.Hello;
    private byte[] helloHash = null!;
    private IcReplica replica = null!;
    private Principal canister = null!;

    [GlobalSetup]
    public void Setup()
    {
        helloHash = SHA256.HashData(hello);
        replica = new IcReplica(TimeProvider.System, new IcCounters(), new IcFaults(), ReplicatedState.DefaultFirstCanisterIndex, new CandidTextCodec());
        lock (replica.State.Gate)
        {
            canister = replica.Management.ProvisionalCreateCanisterWithCycles(Caller, null, null, null);
            replica.Management.InstallCode(Caller, new InstallCodeRequest(canister, InstallMode.Install, null, hello, emptyArgs));
        }
    }

    /// <summary><c>increment</c>: an update that changes the counter and logs a line.</summary>
    [Benchmark]
    public bool HelloUpdate() => replica.Execute(Caller, canister, "increment", emptyArgs, CallKind.Update).IsReply;

    /// <summary><c>get</c>: a query, run on the canister's memory and rolled back.</summary>
    [Benchmark]
    public bool HelloQuery() => replica.Execute(Caller, canister, "get", emptyArgs, CallKind.Query).IsReply;

    /// <summary>What the first install of a module pays: Wasmtime compiles it.</summary>
    [Benchmark]
    public bool CompileHello() => WasmEngine.CompileNew(hello).Is64BitMemory;

    /// <summary>What every later install of the same module pays: a cache lookup.</summary>
    [Benchmark]
    public bool CompileHelloCached() => WasmEngine.Compile(helloHash, hello).Is64BitMemory;
}
