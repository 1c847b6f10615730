using System.Diagnostics;
using System.Text.Json;
using IcOperator.Agent.Bls;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.HashTrees;
using IcOperator.Candid;
using IcOperator.Testing;

namespace IcOperator.Agent.Tests.Bls;

/// <summary>Signatures and certificates cross-checked with @icp-sdk/core and the @noble/curves it ships.</summary>
public class IcpSdkInteropTests
{
    private const string Canister = "ryjl3-tyaaa-aaaaa-aaaba-cai";

    [RequiresToolFact("node", "@icp-sdk/core")]
    public void Signatures_we_make_are_accepted_by_icp_sdk_core_blsVerify()
    {
        var key = BlsSecretKey.Generate();
        var message = "\u000dic-state-root-interop"u8.ToArray();
        var signature = key.Sign(message);

        Node("verify", Hex(key.PublicKey), Hex(signature), Hex(message)).Should().Be("true");
        Node("verify", Hex(key.PublicKey), Hex(signature), Hex([.. message, 1])).Should().Be("false");
    }

    [RequiresToolFact("node", "@icp-sdk/core")]
    public void Signatures_made_with_noble_curves_verify_here()
    {
        var message = "made in javascript"u8.ToArray();
        using var made = JsonDocument.Parse(Node("sign", Hex(message)));
        var publicKey = Convert.FromHexString(made.RootElement.GetProperty("publicKey").GetString()!);
        var signature = Convert.FromHexString(made.RootElement.GetProperty("signature").GetString()!);

        var verifier = new Bls12381SignatureVerifier();
        verifier.Verify(publicKey, signature, message).Should().BeTrue();
        verifier.Verify(publicKey, signature, "made in c#"u8).Should().BeFalse();
    }

    [RequiresToolFact("node", "@icp-sdk/core")]
    public void Certificates_we_sign_are_accepted_by_icp_sdk_core_and_by_our_verifier()
    {
        var rootKey = BlsSecretKey.Generate();
        var certificate = SignedCertificate(rootKey);

        Node("certificate", Hex(certificate.Encode()), Hex(rootKey.PublicKeyDer), Canister).Should().Be("ok");
        new CertificateVerifier(new CertificateVerifierOptions { RootKey = rootKey.PublicKeyDer, SignatureVerifier = new Bls12381SignatureVerifier() })
            .VerifyForCanister(certificate, Principal.Parse(Canister));

        var otherRoot = BlsSecretKey.Generate();
        Node("certificate", Hex(certificate.Encode()), Hex(otherRoot.PublicKeyDer), Canister).Should().StartWith("rejected");
    }

    private static Certificate SignedCertificate(BlsSecretKey key)
    {
        var nowNs = (ulong)(DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;
        var tree = new HashTreeBuilder()
            .Add(["time"], Leb128.EncodeUnsigned(nowNs))
            .Add(["canister"u8.ToArray(), Principal.Parse(Canister).ToByteArray(), "certified_data"u8.ToArray()], new byte[32])
            .Build();
        var unsigned = new Certificate { Tree = tree, Signature = [] };
        return unsigned with { Signature = key.Sign(unsigned.SignedMessage()) };
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static string Node(params string[] args)
    {
        var start = new ProcessStartInfo(PeerTools.Node!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["NODE_PATH"] = PeerTools.NodeModules },
        };
        start.ArgumentList.Add(Path.Combine(TestPaths.RepoRoot, "tests", "IcOperator.Agent.Tests", "Bls", "icp-sdk-bls.cjs"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var node = Process.Start(start)!;
        var stderr = node.StandardError.ReadToEndAsync();
        var stdout = node.StandardOutput.ReadToEnd();
        node.WaitForExit(TimeSpan.FromSeconds(60)).Should().BeTrue("node must finish");
        node.ExitCode.Should().Be(0, stderr.Result);
        return stdout.Trim();
    }
}
