using IcOperator.Emulators.Ic.Modules;

namespace IcOperator.Cli;

/// <summary>
/// The modules of config/samples: the real Motoko "hello" canister of canisters/ (version 0.2.0 is hello-v2, whose
/// health check answers degraded, to show a rollback that restores the counter) and, for the package, parts whose
/// behaviour is declared in their emulator:behavior section (version 3.0.0 traps in post_upgrade, to show an
/// atomic package upgrade undone).
/// </summary>
internal static class SampleModules
{
    /// <summary>The install argument of a package part: who it is for, who installed it, and the parts before it.</summary>
    public const string PartInitArgs = "record { user : principal; operator : principal; previous : vec principal }";

    public const string PartService =
        "service : (" + PartInitArgs + ") -> { init : (text) -> (); deinit : () -> (); config : () -> (" + PartInitArgs + ") query; "
        + "greeting : () -> (text) query; version : () -> (text) query; health : () -> (variant { ok; degraded }) query }";

    /// <summary>
    /// One part of the sample package: keeps its install argument (config), the text its init call got (greeting)
    /// and the version whose install or upgrade last wrote its state. With <paramref name="trapOnUpgrade"/> its
    /// post_upgrade traps, so an upgrade to it fails and the IC keeps the old module.
    /// </summary>
    public static byte[] PackagePart(string version, bool trapOnUpgrade = false)
    {
        var written = new Dictionary<string, string> { ["version"] = $"(\"{version}\")" };
        return new TestModuleBuilder()
            .WithLabel(version)
            .WithCandidService(PartService)
            .WithInit(new LifecycleBehavior { StoreArg = "config", State = written })
            .WithPostUpgrade(trapOnUpgrade ? new LifecycleBehavior { Trap = $"version {version} cannot migrate this state" } : new LifecycleBehavior { State = written })
            .WithMethod("init", new MethodBehavior { Store = "greeting", Log = "init" })
            .WithMethod("deinit", new MethodBehavior { Store = "deinit", Log = "deinit" })
            .WithMethod("config", new MethodBehavior { Query = true, Load = "config" })
            .WithMethod("greeting", new MethodBehavior { Query = true, Load = "greeting", Reply = "(\"\")" })
            .WithMethod("version", new MethodBehavior { Query = true, Load = "version", Reply = "(\"\")" })
            .WithQuery("health", "(variant { ok })")
            .Build();
    }

    /// <summary>The Motoko hello canister: a stable counter and a health check, healthy or (hello-v2) degraded.</summary>
    public static byte[] Hello(bool healthy) => healthy ? SampleCanisters.Hello : SampleCanisters.HelloV2;
}
