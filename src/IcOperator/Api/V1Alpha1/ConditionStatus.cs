namespace IcOperator.Api.V1Alpha1;

/// <summary>Whether a condition holds.</summary>
public enum ConditionStatus
{
    True,
    False,
    Unknown,
}
