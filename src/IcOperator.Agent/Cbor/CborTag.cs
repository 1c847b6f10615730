namespace IcOperator.Agent.Cbor;

/// <summary>A tagged item (major type 6); the IC uses 55799, the self-describe tag, around whole messages.</summary>
public sealed class CborTag(ulong tag, CborValue content) : CborValue
{
    public const ulong SelfDescribe = 55799;

    public ulong Tag { get; } = tag;

    public CborValue Content { get; } = content ?? throw new ArgumentNullException(nameof(content));

    public override string Kind => $"tag {Tag}";

    public override bool Equals(CborValue? other) => other is CborTag t && t.Tag == Tag && t.Content.Equals(Content);

    public override int GetHashCode() => HashCode.Combine(Tag, Content);

    public override string ToString() => $"{Tag}({Content})";
}
