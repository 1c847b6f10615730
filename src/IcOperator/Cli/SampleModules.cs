using IcOperator.Emulators.Ic.Modules;

namespace IcOperator.Cli;

/// <summary>
/// The modules of config/samples: a "hello" canister for the IC emulator whose behaviour is declared
/// in its emulator:behavior section. Version 0.2.0 answers its health check with degraded, to show a rollback.
/// </summary>
internal static class SampleModules
{
    public const string CandidService =
        "service : (record { greeting : text }) -> { health : () -> (variant { ok; degraded }) query; greet : () -> (text) query }";

    public static byte[] Hello(bool healthy) =>
        new TestModuleBuilder()
            .WithQuery("health", healthy ? "(variant { ok })" : "(variant { degraded })")
            .WithQuery("greet", "(\"hello from the IC emulator\")")
            .WithCandidService(CandidService)
            .WithMetadata("cdk:name", "emulator", isPublic: true)
            .WithInit(new LifecycleBehavior { StoreArg = "config" })
            .Build();
}
