namespace IcOperator.Kube.Reconciliation;

/// <summary>A controller of any kind, as the host runs it for each leadership term.</summary>
internal interface IRunnableController
{
    string Name { get; }

    /// <summary>Its share of <see cref="ControllerHost.Activity"/>.</summary>
    ControllerActivity Activity { get; }

    Task RunAsync(CancellationToken stopping);
}
