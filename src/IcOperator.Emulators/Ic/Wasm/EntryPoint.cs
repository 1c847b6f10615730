namespace IcOperator.Emulators.Ic.Wasm;

/// <summary>What a canister runs: the IC interface specification's entry points, which decide the system API available.</summary>
internal enum EntryPoint
{
    Start,
    Init,
    PreUpgrade,
    PostUpgrade,
    Update,
    Query,
    InspectMessage,
    ReplyCallback,
    RejectCallback,
    Cleanup,
    GlobalTimer,
}
