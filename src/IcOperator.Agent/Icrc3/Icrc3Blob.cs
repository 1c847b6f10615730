namespace IcOperator.Agent.Icrc3;

/// <summary>Bytes, hashed as themselves. Principals are blobs of their raw bytes.</summary>
public sealed class Icrc3Blob(byte[] value) : Icrc3Value
{
    private readonly byte[] value = (byte[])(value ?? throw new ArgumentNullException(nameof(value))).Clone();

    public byte[] Value => (byte[])value.Clone();

    public override bool Equals(Icrc3Value? other) => other is Icrc3Blob b && b.value.AsSpan().SequenceEqual(value);

    public override int GetHashCode() => HashCode.Combine(value.Length, value.Length > 0 ? value[0] : 0);

    public override string ToString() => "Blob(" + Convert.ToHexStringLower(value) + ")";
}
