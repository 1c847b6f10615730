using IcOperator.Emulators.Ic.Modules;

namespace IcOperator.Emulators.Tests.Ic;

/// <summary>Modules the state-model tests install.</summary>
internal static class TestModules
{
    /// <summary>Stores its init argument under "value"; get/set read and write it; greet is a query.</summary>
    public static byte[] Counter(string label = "v1", LifecycleBehavior? postUpgrade = null) => new TestModuleBuilder()
        .WithLabel(label)
        .WithInitArgs("(text)")
        .WithInit(new LifecycleBehavior { StoreArg = "value", Log = "initialised" })
        .WithPostUpgrade(postUpgrade ?? new LifecycleBehavior { Log = "upgraded" })
        .WithQuery("greet", "(\"hello\")")
        .WithMethod("get", new MethodBehavior { Query = true, Load = "value", Reply = "(\"none\")" })
        .WithMethod("set", new MethodBehavior { Store = "value", Log = "set called" })
        .WithMethod("boom", new MethodBehavior { Trap = "boom went the canister" })
        .WithMethod("deny", new MethodBehavior { Reject = "not today" })
        .Build();
}
