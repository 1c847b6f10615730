using System.Text;
using IcOperator.Agent.Bls;
using IcOperator.Agent.Certificates;

namespace IcOperator.Agent.Tests.Bls;

public class SignatureTests
{
    private readonly Bls12381SignatureVerifier verifier = new();

    public static TheoryData<string> VerifyVectorNames() =>
        [.. BlsVectors.Load("bls_min_sig_vectors.json").GetProperty("verify_vectors").EnumerateArray().Select(v => v.Text("name"))];

    [Theory]
    [MemberData(nameof(VerifyVectorNames))]
    public void Verify_vectors_give_the_expected_verdict(string name)
    {
        var vector = BlsVectors.Load("bls_min_sig_vectors.json").GetProperty("verify_vectors").EnumerateArray().Single(v => v.Text("name") == name);
        var dst = Encoding.ASCII.GetBytes(vector.Text("dst"));
        var valid = verifier.Verify(vector.Hex("public_key_hex"), vector.Hex("signature_hex"), vector.Hex("message_hex"), dst);
        valid.Should().Be(vector.Text("expected") == "valid", name);
    }

    [Fact]
    public void Every_signature_from_the_certificate_vectors_verifies_and_fails_with_another_message()
    {
        var vectors = BlsVectors.Load("bls_min_sig_vectors.json").GetProperty("from_certificates").GetProperty("vectors").EnumerateArray().ToList();
        vectors.Should().NotBeEmpty();
        foreach (var vector in vectors)
        {
            var key = vector.Hex("public_key_hex");
            var message = vector.Hex("message_hex");
            var signature = vector.Hex("signature_hex");
            verifier.Verify(key, signature, message).Should().BeTrue(vector.Text("from_certificate"));
            message[^1] ^= 1;
            verifier.Verify(key, signature, message).Should().BeFalse();
        }
    }

    [Fact]
    public void Signing_reproduces_the_IC_threshold_signing_vector()
    {
        var vector = BlsVectors.Load("bls_min_sig_vectors.json").GetProperty("sign_vectors")[0];
        var key = BlsSecretKey.FromBytes(vector.Hex("secret_key_hex"));
        Convert.ToHexStringLower(key.Sign(vector.Hex("message_hex"))).Should().Be(vector.Text("expected_signature_hex"));
        Convert.ToHexStringLower(key.PublicKey).Should().Be(vector.Text("public_key_hex_computed_by_collector"));
    }

    [Fact]
    public void Generated_keys_sign_what_the_verifier_accepts_and_nothing_else()
    {
        var key = BlsSecretKey.Generate();
        var other = BlsSecretKey.Generate();
        var message = Encoding.UTF8.GetBytes("\ric-state-root" + new string('x', 32));
        var signature = key.Sign(message);
        signature.Should().HaveCount(48);
        key.PublicKey.Should().HaveCount(96);

        verifier.Verify(key.PublicKey, signature, message).Should().BeTrue();
        verifier.Verify(other.PublicKey, signature, message).Should().BeFalse();
        verifier.Verify(key.PublicKey, signature, [.. message, 0]).Should().BeFalse();
        BlsSecretKey.FromBytes(key.ToBytes()).PublicKey.Should().Equal(key.PublicKey);
    }

    [Fact]
    public void One_verifier_checks_signatures_from_several_threads_at_once()
    {
        var shared = new Bls12381SignatureVerifier();
        var keys = Enumerable.Range(0, 3).Select(_ => BlsSecretKey.Generate()).ToArray();
        var jobs = Enumerable.Range(0, 8).Select(i => (Key: keys[i % 3], Message: new[] { (byte)i })).ToArray();
        var signatures = jobs.Select(j => j.Key.Sign(j.Message)).ToArray();
        var results = new bool[jobs.Length];
        var wrong = new bool[jobs.Length];
        Parallel.For(0, jobs.Length, i =>
        {
            results[i] = shared.Verify(jobs[i].Key.PublicKey, signatures[i], jobs[i].Message);
            wrong[i] = shared.Verify(keys[(i + 1) % 3].PublicKey, signatures[i], jobs[i].Message);
        });
        results.Should().OnlyContain(r => r);
        wrong.Should().OnlyContain(r => !r);
    }

    [Fact]
    public void Infinity_as_key_or_signature_and_malformed_lengths_are_rejected()
    {
        var key = BlsSecretKey.Generate();
        var message = "m"u8.ToArray();
        var signature = key.Sign(message);
        byte[] infinityG1 = [0xc0, .. new byte[47]];
        byte[] infinityG2 = [0xc0, .. new byte[95]];

        verifier.Verify(infinityG2, signature, message).Should().BeFalse();
        verifier.Verify(key.PublicKey, infinityG1, message).Should().BeFalse();
        verifier.Verify(infinityG2, infinityG1, message).Should().BeFalse();
        verifier.Verify(key.PublicKey.AsSpan(1), signature, message).Should().BeFalse();
        verifier.Verify(key.PublicKey, signature.AsSpan(0, 47), message).Should().BeFalse();
        verifier.Verify(key.PublicKey, [.. signature, 0], message).Should().BeFalse();
    }

    [Fact]
    public void Any_single_bit_flip_in_a_signature_or_key_is_rejected()
    {
        var key = BlsSecretKey.Generate();
        var message = "certified"u8.ToArray();
        var signature = key.Sign(message);
        for (var bit = 0; bit < signature.Length * 8; bit += 5)
        {
            var flipped = (byte[])signature.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            verifier.Verify(key.PublicKey, flipped, message).Should().BeFalse($"bit {bit} of the signature was flipped");
        }

        for (var bit = 0; bit < key.PublicKey.Length * 8; bit += 37)
        {
            var flipped = (byte[])key.PublicKey.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            verifier.Verify(flipped, signature, message).Should().BeFalse($"bit {bit} of the key was flipped");
        }
    }

    [Fact]
    public void Secret_keys_reject_out_of_range_scalars_and_keep_their_value_out_of_strings()
    {
        FluentActions.Invoking(() => BlsSecretKey.FromBytes(new byte[32])).Should().Throw<ArgumentException>();
        var order = Convert.FromHexString("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001");
        FluentActions.Invoking(() => BlsSecretKey.FromBytes(order)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => BlsSecretKey.FromBytes(new byte[31])).Should().Throw<ArgumentException>().WithMessage("*32 bytes*31*");

        var key = BlsSecretKey.Generate();
        var secretHex = Convert.ToHexStringLower(key.ToBytes());
        key.ToString().Should().NotContain(secretHex[..16]);
        key.ToString().Should().Contain(Convert.ToHexStringLower(key.PublicKey)[..16]);
    }

    [Fact]
    public void Public_keys_are_served_in_the_IC_DER_form()
    {
        var key = BlsSecretKey.Generate();
        var der = key.PublicKeyDer;
        der.Should().HaveCount(133);
        Convert.ToHexStringLower(der.AsSpan(0, 37)).Should().Be("308182301d060d2b0601040182dc7c0503010201060c2b0601040182dc7c05030201036100");
        BlsPublicKey.FromDer(der).Should().Equal(key.PublicKey);
    }
}
