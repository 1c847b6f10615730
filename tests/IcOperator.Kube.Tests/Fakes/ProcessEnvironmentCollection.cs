namespace IcOperator.Kube.Tests.Fakes;

/// <summary>Tests that set process environment variables (KUBERNETES_SERVICE_HOST/PORT) run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}
