namespace IcOperator.Emulators.Ic.Modules;

/// <summary>
/// Real canister modules built from <c>canisters/</c> by the Motoko compiler (<c>node canisters/build.js</c>), embedded
/// so that tests and the local mode run them without Node. Each call returns a fresh copy of the bytes.
/// </summary>
public static class SampleCanisters
{
    /// <summary>A stable counter (<c>increment</c>, <c>get</c>), <c>greet</c>, <c>version</c> 1.0.0 and a healthy <c>health</c>.</summary>
    public static byte[] Hello => Load("hello");

    /// <summary><see cref="Hello"/> with <c>version</c> 2.0.0 and a <c>health</c> that reports <c>degraded</c>.</summary>
    public static byte[] HelloV2 => Load("hello-v2");

    /// <summary><see cref="Hello"/>'s interface, but <c>postupgrade</c> traps: every upgrade to it fails.</summary>
    public static byte[] PostUpgradeTrap => Load("postupgrade-trap");

    /// <summary>A module whose initialisation traps.</summary>
    public static byte[] InitTrap => Load("init-trap");

    /// <summary>A module above 2 MiB, which only the chunked install path accepts.</summary>
    public static byte[] Big => Load("big");

    /// <summary>Calls other canisters: <c>incrementOn(principal)</c>, <c>tryIncrementOn(principal)</c>, and <c>ownCycles()</c> through the management canister.</summary>
    public static byte[] Caller => Load("caller");

    private static byte[] Load(string name)
    {
        using var stream = typeof(SampleCanisters).Assembly.GetManifestResourceStream($"canisters/{name}.wasm")
            ?? throw new InvalidOperationException($"The canister module {name}.wasm is not embedded; build it with node canisters/build.js.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
