using System.Text.Json.Serialization;

namespace IcOperator.Api.V1Alpha1;

/// <summary>How an operation ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OperationResult>))]
public enum OperationResult
{
    Succeeded,
    RolledBack,
    Failed,
}
