using System.Text.Json.Serialization;

namespace IcOperator.Api.V1Alpha1;

/// <summary>The kinds of multi-step operations the operator records while it runs them.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OperationType>))]
public enum OperationType
{
    Install,
    Upgrade,
    Rollback,

    /// <summary>A snapshot loaded on request (spec.restore).</summary>
    Restore,
}
