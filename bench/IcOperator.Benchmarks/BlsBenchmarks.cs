using System.Diagnostics;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using IcOperator.Agent.Bls;
using IcOperator.Agent.Bls.Curves;
using IcOperator.Agent.Bls.Fields;
using IcOperator.Agent.Bls.HashToCurve;
using IcOperator.Agent.Bls.Pairing;

namespace IcOperator.Benchmarks;

/// <summary>
/// BLS12-381 verification of a real IC certificate signature, against @icp-sdk/core's blsVerify
/// (noble-curves) on the same key, message and signature, measured in the same run: a node process
/// started here verifies a batch per request, so process start-up stays out of the numbers.
/// Needs node and .tools/npm (bash .ci/install-tools); without them only the .NET rows run.
/// </summary>
[MemoryDiagnoser]
public class BlsBenchmarks
{
    private const int NodeBatch = 20;

    private static readonly byte[] Dst = Encoding.ASCII.GetBytes(IcOperator.Agent.Bls.HashToCurve.HashToG1.SignatureDst);

    // One request per line ("<n>"): verify n times, answer "true"/"false".
    private const string NodeServer = """
        const { blsVerify } = require('@icp-sdk/core/agent');
        const [pk, sig, msg] = process.argv.slice(2).map((h) => Uint8Array.from(Buffer.from(h, 'hex')));
        const rl = require('readline').createInterface({ input: process.stdin });
        rl.on('line', (line) => {
          let ok = true;
          for (let i = 0; i < Number(line); i++) ok = blsVerify(pk, sig, msg) && ok;
          process.stdout.write(ok + '\n');
        });
        """;

    private readonly Bls12381SignatureVerifier verifier = new(verifiedSignatureCapacity: 0);
    private byte[] publicKey = [];
    private byte[] message = [];
    private byte[] signature = [];
    private JacobianPoint<Fp> signaturePoint;
    private G2Prepared negatedGenerator = null!;
    private G2Prepared preparedKey = null!;
    private Fp12 millerOutput;
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
            foreach (var arg in new[] { scriptPath, Convert.ToHexStringLower(publicKey), Convert.ToHexStringLower(signature), Convert.ToHexStringLower(message) })
            {
                start.ArgumentList.Add(arg);
            }

            node = Process.Start(start);
            if (!VerifyInNode(1))
            {
                throw new InvalidOperationException("@icp-sdk/core rejected the benchmark's certificate signature.");
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

    /// <summary>The agent's path: the key (the root or a subnet key) is already decoded and prepared.</summary>
    [Benchmark(Baseline = true)]
    public bool Verify() => verifier.Verify(publicKey, signature, message);

    /// <summary>A key seen for the first time: G2 decompression, subgroup check and line precomputation included.</summary>
    [Benchmark]
    public bool VerifyFirstUseOfKey() => new Bls12381SignatureVerifier(verifiedSignatureCapacity: 0).Verify(publicKey, signature, message);

    [Benchmark(OperationsPerInvoke = NodeBatch)]
    public bool VerifyIcpSdkCore() => node is null
        ? throw new InvalidOperationException("node or @icp-sdk/core is missing; run bash .ci/install-tools.")
        : VerifyInNode(NodeBatch);

    [Benchmark]
    public bool HashToG1() => IcOperator.Agent.Bls.HashToCurve.HashToG1.Hash(message, Dst).IsInfinity;

    [Benchmark]
    public bool DecodeSignature() => G1.TryDecompress(signature, out _);

    [Benchmark]
    public bool TwoPairMillerLoop() => MillerLoop.Evaluate([(signaturePoint, negatedGenerator), (G1.Generator, preparedKey)]).IsOne;

    [Benchmark]
    public bool FinalExponentiation() => IcOperator.Agent.Bls.Pairing.FinalExponentiation.Apply(millerOutput).IsOne;

    [Benchmark]
    public bool FieldMultiply() => Fp.Multiply(millerOutput.C0.C0.C0, millerOutput.C0.C0.C1).IsZero;

    private bool VerifyInNode(int count)
    {
        node!.StandardInput.WriteLine(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
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
