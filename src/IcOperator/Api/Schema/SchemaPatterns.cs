namespace IcOperator.Api.Schema;

/// <summary>Regular expressions the CRD schema and the controllers share, so both refuse the same input.</summary>
internal static class SchemaPatterns
{
    /// <summary>Textual principal: base32 groups of five separated by dashes (at most 29 bytes, 63 characters).</summary>
    public const string Principal = "^([a-z2-7]{5}-){0,10}[a-z2-7]{1,5}$";

    /// <summary>A principal, or empty.</summary>
    public const string OptionalPrincipal = "^(([a-z2-7]{5}-){0,10}[a-z2-7]{1,5})?$";

    /// <summary>A SHA-256 digest in lower-case hex.</summary>
    public const string Sha256 = "^[0-9a-f]{64}$";

    /// <summary>A semantic version (semver.org 2.0.0) without a leading "v".</summary>
    public const string SemanticVersion =
        "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?$";

    /// <summary>Cycles: a plain integer, digits grouped with underscores, or a decimal with K, M, B or T.</summary>
    public const string Cycles = "^([0-9]+(_[0-9]{3})*|[0-9]+(\\.[0-9]+)?[KMBT])$";

    /// <summary>Bytes: an integer with an optional SI (K, M, G, T) or binary (Ki, Mi, Gi, Ti, KiB, MiB, GiB, TiB) unit.</summary>
    public const string Bytes = "^[0-9]+(K|M|G|T|Ki|Mi|Gi|Ti|KiB|MiB|GiB|TiB)?$";

    /// <summary>A duration as Go writes it: one or more number-unit pairs (ms, s, m, h).</summary>
    public const string Duration = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$";

    /// <summary>The root key policy: mainnet, fetch, or a DER-encoded key in hex.</summary>
    public const string RootKey = "^(mainnet|fetch|[0-9a-fA-F]{64,})$";

    /// <summary>A Kubernetes object name (DNS subdomain).</summary>
    public const string ObjectName = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    /// <summary>A Candid method name as a canister exports it.</summary>
    public const string MethodName = "^[A-Za-z_][A-Za-z0-9_]*$";

    /// <summary>Even-length hex (raw Candid bytes).</summary>
    public const string Hex = "^([0-9a-fA-F]{2})*$";

    /// <summary>A condition reason: CamelCase, as metav1.Condition requires.</summary>
    public const string ConditionReason = "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$";

    /// <summary>A condition type, as metav1.Condition requires.</summary>
    public const string ConditionType =
        "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$";
}
