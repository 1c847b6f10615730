using IcOperator.Emulators.Ic.Modules;

namespace IcOperator.Cli;

/// <summary>
/// The modules of config/samples, for the IC emulator, their behaviour declared in their emulator:behavior
/// section: a "hello" canister (version 0.2.0 answers its health check with degraded, to show a rollback) and
/// the parts of a package (version 3.0.0 traps in post_upgrade, to show an atomic package upgrade undone).
/// </summary>
internal static class SampleModules
{
    public const string CandidService =
        "service : (record { greeting : text }) -> { health : () -> (variant { ok; degraded }) query; greet : () -> (text) query }";

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

    public static byte[] Hello(bool healthy) =>
        new TestModuleBuilder()
            .WithQuery("health", healthy ? "(variant { ok })" : "(variant { degraded })")
            .WithQuery("greet", "(\"hello from the IC emulator\")")
            .WithCandidService(CandidService)
            .WithMetadata("cdk:name", "emulator", isPublic: true)
            .WithInit(new LifecycleBehavior { StoreArg = "config" })
            .Build();
}
