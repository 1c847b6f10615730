using System.Diagnostics;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using IcOperator.Agent.Bls;
using IcOperator.Agent.Bls.Curves;
using IcOperator.Agent.Bls.Fields;
using IcOperator.Agent.Bls.HashToCurve;
using IcOperator.Agent.Bls.Pairing;
using IcOperator.Agent.Certificates;
using IcOperator.Candid;

namespace IcOperator.Benchmarks;

/// <summary>
/// Verification of a real IC mainnet certificate (ivg37_delegated_v2: a subnet certificate with its
/// delegation, so two BLS signatures) and of one BLS signature, against @icp-sdk/core's
/// Certificate.create and blsVerify (noble-curves) on the same bytes, measured in the same run: a node
/// process started here verifies a batch per request, so process start-up stays out of the numbers.
/// Needs node and .tools/npm (bash .ci/install-tools); without them the JavaScript rows fail.
/// </summary>
[MemoryDiagnoser]
public class BlsBenchmarks
{
    private const int NodeBatch = 20;

    private static readonly byte[] Dst = Encoding.ASCII.GetBytes(IcOperator.Agent.Bls.HashToCurve.HashToG1.SignatureDst);

    // One request per line ("bls <n>" or "certificate <n>"): verify n times, answer "true"/"false".
    private const string NodeServer = """
        const { blsVerify, Certificate } = require('@icp-sdk/core/agent');
        const { Principal } = require('@icp-sdk/core/principal');
        const [pk, sig, msg, cert, rootKey] = process.argv.slice(2, 7).map((h) => Uint8Array.from(Buffer.from(h, 'hex')));
        const canisterId = Principal.fromText(process.argv[7]);
        const rl = require('readline').createInterface({ input: process.stdin });
        rl.on('line', async (line) => {
          const [kind, n] = line.split(' ');
          let ok = true;
          for (let i = 0; i < Number(n); i++) {
            if (kind === 'bls') ok = blsVerify(pk, sig, msg) && ok;
            else ok = !!(await Certificate.create({ certificate: cert, rootKey, principal: { canisterId }, disableTimeVerification: true })) && ok;
          }
          process.stdout.write(ok + '\n');
        });
        """;

    private const string CertificateCanister = "ivg37-qiaaa-aaaab-aaaga-cai";

    private readonly Bls12381SignatureVerifier verifier = new(verifiedSignatureCapacity: 0);
    private byte[] publicKey = [];
    private byte[] message = [];
    private byte[] signature = [];
    private JacobianPoint<Fp> signaturePoint;
    private G2Prepared negatedGenerator = null!;
    private G2Prepared preparedKey = null!;
    private Fp12 millerOutput;
    private byte[] certificateBytes = [];
    private CertificateVerifier certificateVerifier = null!;
    private Principal certificateCanister = null!;
    private Process? node;
    private string? scriptPath;

    [GlobalSetup]
    public void Setup()
    {
        var root = RepoRoot();
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "tests", "vectors", "bls", "bls_min_sig_vectors.json")));
        var vector = doc.RootElement.GetProperty("from_certificates").GetProperty("vectors")[0];
        publicKey = Convert.FromHexString(vector.GetProperty("public_key_hex").GetString()!);
        message = Convert.FromHexString(vector.GetProperty("message_hex").GetString()!);
        signature = Convert.FromHexString(vector.GetProperty("signature_hex").GetString()!);
        if (!verifier.Verify(publicKey, signature, message))
        {
            throw new InvalidOperationException("The benchmark's certificate signature does not verify.");
        }

        using var certificateVector = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "tests", "vectors", "certificates", "ivg37_delegated_v2.json")));
        certificateBytes = Convert.FromHexString(certificateVector.RootElement.GetProperty("certificate_cbor_hex").GetString()!);
        certificateCanister = Principal.Parse(CertificateCanister);
        certificateVerifier = new CertificateVerifier(new CertificateVerifierOptions
        {
            RootKey = IcRootKeys.MainnetDer,
            SignatureVerifier = new Bls12381SignatureVerifier(verifiedSignatureCapacity: 0),
            CheckTime = false,
        });
        VerifyCertificate();

        G1.TryDecompress(signature, out signaturePoint);
        G2.TryDecompress(publicKey, out var keyPoint);
        preparedKey = G2Prepared.From(keyPoint);
        negatedGenerator = G2Prepared.From(JacobianPoint<Fp2>.Negate(G2.Generator));
        millerOutput = MillerLoop.Evaluate([(signaturePoint, negatedGenerator), (G1.Generator, preparedKey)]);

        var nodeModules = Path.Combine(Environment.GetEnvironmentVariable("IC_OPERATOR_NPM_PREFIX") ?? Path.Combine(root, ".tools", "npm"), "node_modules");
        if (Directory.Exists(Path.Combine(nodeModules, "@icp-sdk", "core")))
        {
            scriptPath = Path.Combine(Path.GetTempPath(), $"bls-verify-{Environment.ProcessId}.cjs");
            File.WriteAllText(scriptPath, NodeServer);
            var start = new ProcessStartInfo("node")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
                Environment = { ["NODE_PATH"] = nodeModules },
            };
            foreach (var arg in new[]
            {
                scriptPath, Convert.ToHexStringLower(publicKey), Convert.ToHexStringLower(signature), Convert.ToHexStringLower(message),
                Convert.ToHexStringLower(certificateBytes), Convert.ToHexStringLower(IcRootKeys.MainnetDer), CertificateCanister,
            })
            {
                start.ArgumentList.Add(arg);
            }

            node = Process.Start(start);
            if (!VerifyInNode("bls", 1) || !VerifyInNode("certificate", 1))
            {
                throw new InvalidOperationException("@icp-sdk/core rejected the benchmark's certificate or its signature.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (node is not null)
        {
            node.StandardInput.Close();
            node.WaitForExit(5000);
            node.Dispose();
        }

        if (scriptPath is not null)
        {
            File.Delete(scriptPath);
        }
    }

    /// <summary>
    /// A whole certificate: CBOR, tree, delegation with its ranges, two BLS signatures (keys already
    /// decoded) checked as one batch: a three-pair Miller loop and one final exponentiation. Nothing is
    /// remembered between runs; an agent that has seen the subnet's delegation before pays about one
    /// <see cref="Verify"/>.
    /// </summary>
    [Benchmark(Baseline = true)]
    public Principal VerifyCertificate()
    {
        var certificate = Certificate.Decode(certificateBytes);
        certificateVerifier.VerifyForCanister(certificate, certificateCanister);
        return certificateVerifier.SigningSubnet(certificate);
    }

    [Benchmark(OperationsPerInvoke = NodeBatch)]
    public bool VerifyCertificateIcpSdkCore() => VerifyInNode("certificate", NodeBatch);

    /// <summary>One signature; the key (the root or a subnet key) is already decoded and prepared.</summary>
    [Benchmark]
    public bool Verify() => verifier.Verify(publicKey, signature, message);

    /// <summary>A key seen for the first time: G2 decompression, subgroup check and line precomputation included.</summary>
    [Benchmark]
    public bool VerifyFirstUseOfKey() => new Bls12381SignatureVerifier(verifiedSignatureCapacity: 0).Verify(publicKey, signature, message);

    [Benchmark(OperationsPerInvoke = NodeBatch)]
    public bool VerifyIcpSdkCore() => VerifyInNode("bls", NodeBatch);

    [Benchmark]
    public bool HashToG1() => IcOperator.Agent.Bls.HashToCurve.HashToG1.Hash(message, Dst).IsInfinity;

    [Benchmark]
    public bool DecodeSignature() => G1.TryDecompress(signature, out _);

    [Benchmark]
    public bool TwoPairMillerLoop() => MillerLoop.Evaluate([(signaturePoint, negatedGenerator), (G1.Generator, preparedKey)]).IsOne;

    [Benchmark]
    public bool ThreePairMillerLoop() => MillerLoop.Evaluate([(signaturePoint, negatedGenerator), (G1.Generator, preparedKey), (signaturePoint, preparedKey)]).IsOne;

    /// <summary>A point of G1 times a 64-bit batch weight (a delegated certificate weights a signature and a hash).</summary>
    [Benchmark]
    public bool WeightPoint() => JacobianPoint<Fp>.MultiplyVartime(signaturePoint, 0xb7e151628aed2a6b).IsInfinity;

    [Benchmark]
    public bool FinalExponentiation() => IcOperator.Agent.Bls.Pairing.FinalExponentiation.Apply(millerOutput).IsOne;

    [Benchmark]
    public bool FieldMultiply() => Fp.Multiply(millerOutput.C0.C0.C0, millerOutput.C0.C0.C1).IsZero;

    private bool VerifyInNode(string kind, int count)
    {
        if (node is null)
        {
            throw new InvalidOperationException("node or @icp-sdk/core is missing; run bash .ci/install-tools.");
        }

        node.StandardInput.WriteLine(kind + " " + count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return node.StandardOutput.ReadLine() == "true";
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IcOperator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find IcOperator.sln above " + AppContext.BaseDirectory);
    }
}
