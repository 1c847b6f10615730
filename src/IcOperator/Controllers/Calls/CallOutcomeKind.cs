namespace IcOperator.Controllers.Calls;

/// <summary>What became of a recorded update call, as far as the IC can still tell.</summary>
internal enum CallOutcomeKind
{
    /// <summary>It ran and replied; the reply is at hand.</summary>
    Replied,

    /// <summary>The IC rejected it; nothing changed.</summary>
    Rejected,

    /// <summary>It may still run (received, processing, or unknown before its ingress expiry): wait and read again.</summary>
    InFlight,

    /// <summary>It finished, but the IC pruned its reply (status done): only the state it changed tells what it did.</summary>
    Pruned,
}
