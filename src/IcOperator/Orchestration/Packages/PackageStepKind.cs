namespace IcOperator.Orchestration.Packages;

/// <summary>The single step a package reconcile runs.</summary>
public enum PackageStepKind
{
    /// <summary>Nothing to do, or waiting for a component or a dependency.</summary>
    None,

    /// <summary>Create a component's CanisterDeployment (the one before it is Ready).</summary>
    CreateComponent,

    /// <summary>Bring a component's CanisterDeployment to what the package says (argument, calls, policies).</summary>
    UpdateComponent,

    /// <summary>Record a package upgrade and the components it changes (status only).</summary>
    BeginUpgrade,

    /// <summary>Record the component as upgrading, then ask its CanisterDeployment for the new version.</summary>
    UpgradeComponent,

    /// <summary>Record a component's pre-upgrade snapshot id (status only).</summary>
    RecordSnapshot,

    /// <summary>Record how a component's upgrade or restore ended (status only).</summary>
    RecordComponent,

    /// <summary>Record the component as restoring, then ask its CanisterDeployment to load its snapshot at the old version.</summary>
    RestoreComponent,

    /// <summary>Set a failed component (which rolled itself back) to its old version again.</summary>
    RevertComponent,

    /// <summary>Record the upgrade's end (status only).</summary>
    CompleteUpgrade,

    /// <summary>Delete a component's CanisterDeployment (removal goes last to first).</summary>
    DeleteComponent,

    /// <summary>Every component is gone: remove the package's finalizer.</summary>
    RemoveFinalizer,
}
