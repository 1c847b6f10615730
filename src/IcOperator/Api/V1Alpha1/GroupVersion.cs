namespace IcOperator.Api.V1Alpha1;

/// <summary>The API group and version of every kind in this folder.</summary>
public static class GroupVersion
{
    public const string Group = "ic-operator.dev";

    public const string Version = "v1alpha1";

    public const string ApiVersion = Group + "/" + Version;

    /// <summary>The category <c>kubectl get ic</c> lists.</summary>
    public const string Category = "ic";
}
