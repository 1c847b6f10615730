namespace IcOperator.Orchestration.Packages;

/// <summary>A PackageInstallation this one depends on, as read from the API server.</summary>
internal sealed record DependencyObservation(string Name, bool Exists, bool Ready, string Message);
