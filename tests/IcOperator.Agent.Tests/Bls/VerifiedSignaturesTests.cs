using IcOperator.Agent.Bls;

namespace IcOperator.Agent.Tests.Bls;

public class VerifiedSignaturesTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(0, 96).Select(i => (byte)i)];
    private static readonly byte[] Signature = [.. Enumerable.Range(0, 48).Select(i => (byte)(i * 3))];

    [Fact]
    public void Remembers_exactly_the_triples_added()
    {
        var verified = new VerifiedSignatures(capacity: 8);
        verified.Add(Key, Signature, "a"u8);
        verified.Contains(Key, Signature, "a"u8).Should().BeTrue();
        verified.Contains(Key, Signature, "b"u8).Should().BeFalse();
        verified.Contains(Key, [.. Signature[..^1], 0], "a"u8).Should().BeFalse();
        verified.Contains([.. Key[..^1], 0], Signature, "a"u8).Should().BeFalse();
    }

    [Fact]
    public void Capacity_zero_remembers_nothing_and_a_full_cache_starts_over()
    {
        var none = new VerifiedSignatures(capacity: 0);
        none.Add(Key, Signature, "a"u8);
        none.Contains(Key, Signature, "a"u8).Should().BeFalse();

        var small = new VerifiedSignatures(capacity: 2);
        small.Add(Key, Signature, "a"u8);
        small.Add(Key, Signature, "b"u8);
        small.Add(Key, Signature, "c"u8);
        small.Contains(Key, Signature, "a"u8).Should().BeFalse();
        small.Contains(Key, Signature, "c"u8).Should().BeTrue();
    }
}
