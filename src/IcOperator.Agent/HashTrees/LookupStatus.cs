namespace IcOperator.Agent.HashTrees;

/// <summary>The spec's lookup outcomes.</summary>
public enum LookupStatus
{
    /// <summary>The path has a value (or, for subtree lookups, a node).</summary>
    Found,

    /// <summary>The tree proves the path is not there.</summary>
    Absent,

    /// <summary>The path may be in a pruned part of the tree.</summary>
    Unknown,

    /// <summary>The path leads to an inner node, not a value.</summary>
    Error,
}
