namespace IcOperator.Candid;

/// <summary>
/// The Candid name of a property (record field), an enum member or a variant case class. Without it,
/// the C# name is used in snake_case (<c>ModuleHash</c> → <c>module_hash</c>), as the IC's interfaces are written.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Class | AttributeTargets.Parameter, Inherited = false)]
public sealed class CandidNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
