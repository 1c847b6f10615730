using System.Numerics;
using System.Security.Cryptography;
using IcOperator.Agent.Management;
using IcOperator.Agent.Tests.Support;
using IcOperator.Agent.Tests.Wasm;
using IcOperator.Agent.Wasm;
using IcOperator.Candid;
using IcOperator.Testing;

namespace IcOperator.Agent.Tests.Management;

public class ManagementCanisterTests
{
    private static readonly DidFile Current = DidFile.Parse(File.ReadAllText(TestPaths.Vectors("ic-spec", "ic.cdk-rs-2026-03.did")));
    private static readonly DidFile Spec2024 = DidFile.Parse(File.ReadAllText(TestPaths.Vectors("ic-spec", "ic.did")));
    private static readonly Principal Target = Principal.Parse("rrkah-fqaaa-aaaaa-aaaaq-cai");
    private static readonly Principal Store = Principal.Parse("ryjl3-tyaaa-aaaaa-aaaba-cai");

    private readonly RecordingAgent agent = new();

    [Fact]
    public async Task Every_method_sends_an_argument_the_management_interface_accepts_routed_to_its_target()
    {
        var management = new ManagementCanister(agent);
        agent.Replies["canister_status"] = _ => CandidText.EncodeArguments(StatusReplyText, Current.GetMethod("canister_status").Results);
        agent.Replies["upload_chunk"] = _ => CandidText.EncodeArguments("(record { hash = blob \"\\01\\02\" })", Current.GetMethod("upload_chunk").Results);
        agent.Replies["take_canister_snapshot"] = _ => CandidText.EncodeArguments("(record { id = blob \"\\0a\"; taken_at_timestamp = 5 : nat64; total_size = 9 : nat64 })", Current.GetMethod("take_canister_snapshot").Results);
        agent.Replies["stored_chunks"] = _ => CandidText.EncodeArguments("(vec {})", Current.GetMethod("stored_chunks").Results);
        agent.Replies["list_canister_snapshots"] = _ => CandidText.EncodeArguments("(vec { record { id = blob \"\\0a\"; taken_at_timestamp = 5 : nat64; total_size = 9 : nat64 } })", Current.GetMethod("list_canister_snapshots").Results);
        agent.Replies["fetch_canister_logs"] = _ => CandidText.EncodeArguments("(record { canister_log_records = vec { record { idx = 1 : nat64; timestamp_nanos = 2 : nat64; content = blob \"hi\" } } })", Current.GetMethod("fetch_canister_logs").Results);
        agent.Replies["create_canister"] = _ => CandidText.EncodeArguments($"(record {{ canister_id = principal \"{Store}\" }})", Current.GetMethod("create_canister").Results);
        agent.Replies["provisional_create_canister_with_cycles"] = _ => CandidText.EncodeArguments($"(record {{ canister_id = principal \"{Target}\" }})", Current.GetMethod("provisional_create_canister_with_cycles").Results);

        var settings = new CanisterSettings
        {
            Controllers = [Target, Store],
            FreezingThreshold = 2_592_000,
            ReservedCyclesLimit = BigInteger.Parse("5000000000000"),
            WasmMemoryLimit = 3L * 1024 * 1024 * 1024,
            WasmMemoryThreshold = 1024,
            LogVisibility = new LogVisibility.AllowedViewers([Store]),
            EnvironmentVariables = [new EnvironmentVariable("MODE", "prod")],
        };
        (await management.ProvisionalCreateCanisterWithCyclesAsync(2_000_000_000_000, settings)).Should().Be(Target);
        await management.ProvisionalTopUpCanisterAsync(Target, 1_000);
        await management.InstallCodeAsync(Target, CanisterInstallMode.UpgradeMode(skipPreUpgrade: true, WasmMemoryPersistence.Keep), TestModules.Minimal, [0x44, 0x49, 0x44, 0x4c, 0, 0]);
        (await management.UploadChunkAsync(Target, new byte[10])).Should().Equal(1, 2);
        await management.StoredChunksAsync(Target);
        await management.ClearChunkStoreAsync(Target);
        await management.InstallChunkedCodeAsync(Target, CanisterInstallMode.ReinstallMode, [new byte[32]], new byte[32], [], Store);
        await management.UninstallCodeAsync(Target);
        (await management.CanisterStatusAsync(Target)).Status.Should().Be(CanisterStatusKind.Running);
        await management.UpdateSettingsAsync(Target, settings);
        await management.StartCanisterAsync(Target);
        await management.StopCanisterAsync(Target);
        (await management.TakeCanisterSnapshotAsync(Target, [7])).Id.Should().Equal(10);
        await management.LoadCanisterSnapshotAsync(Target, [10]);
        (await management.ListCanisterSnapshotsAsync(Target)).Should().ContainSingle().Which.IdHex.Should().Be("0a");
        await management.DeleteCanisterSnapshotAsync(Target, [10]);
        await management.DeleteCanisterAsync(Target);
        (await management.FetchCanisterLogsAsync(Target)).Should().ContainSingle().Which.Content.Should().Equal("hi"u8.ToArray());
        (await management.CreateCanisterAsync(null, Target)).Should().Be(Store);

        foreach (var (canister, method, arg, ecid, query) in agent.Sent)
        {
            canister.Should().Be(Principal.ManagementCanister);
            var types = Current.GetMethod(method).Arguments;
            var text = CandidText.PrintArguments(CandidDecoder.Decode(arg, types), types);
            text.Should().NotBeEmpty(method);
            // canister_status may also be queried now, but an update call gives a certified answer.
            query.Should().Be(method == "fetch_canister_logs", method);
            if (query)
            {
                Current.GetMethod(method).IsQuery.Should().BeTrue();
            }

            ecid.Should().Be(method == "provisional_create_canister_with_cycles" ? Principal.Parse("rwlgt-iiaaa-aaaaa-aaaaa-cai") : Target, method);
        }

        Sent("install_code").Should().Contain("upgrade = opt record").And.Contain("skip_pre_upgrade = opt true").And.Contain("wasm_memory_persistence = opt variant { keep }");
        Sent("install_chunked_code").Should().Contain($"store_canister = opt principal \"{Store}\"").And.Contain($"target_canister = principal \"{Target}\"").And.Contain("reinstall");
        Sent("update_settings").Should().Contain("allowed_viewers = vec { principal \"ryjl3-tyaaa-aaaaa-aaaba-cai\" }")
            .And.Contain("wasm_memory_threshold = opt 1024").And.Contain("name = \"MODE\"").And.Contain("freezing_threshold = opt 2_592_000");
        Sent("take_canister_snapshot").Should().Contain("replace_snapshot = opt blob \"\\07\"");
        Sent("provisional_create_canister_with_cycles").Should().Contain("amount = opt 2_000_000_000_000");
    }

    [Fact]
    public async Task Canister_status_decodes_current_replies_and_older_ones_without_the_newer_fields()
    {
        var management = new ManagementCanister(agent);
        agent.Replies["canister_status"] = _ => CandidText.EncodeArguments(StatusReplyText, Current.GetMethod("canister_status").Results);
        var status = await management.CanisterStatusAsync(Target);
        status.ModuleHashHex.Should().Be("0102");
        status.Cycles.Should().Be(BigInteger.Parse("1998765432100"));
        status.Settings.Controllers.Should().Equal(Target);
        status.Settings.LogVisibility.Should().BeOfType<LogVisibility.Controllers>();
        status.Settings.EnvironmentVariables.Should().ContainSingle().Which.Should().Be(new EnvironmentVariable("A", "b"));
        status.MemoryMetrics!.WasmMemorySize.Should().Be(new BigInteger(11));
        status.Version.Should().Be(3UL);

        agent.Replies["canister_status"] = _ => CandidText.EncodeArguments(OldStatusReplyText, Spec2024.GetMethod("canister_status").Results);
        var old = await management.CanisterStatusAsync(Target);
        old.Status.Should().Be(CanisterStatusKind.Stopped);
        old.ModuleHash.Should().BeNull();
        old.MemoryMetrics.Should().BeNull();
        old.Version.Should().BeNull();
        old.Settings.WasmMemoryThreshold.Should().BeNull();
        old.Settings.LogVisibility.Should().BeOfType<LogVisibility.Public>();
    }

    [Fact]
    public async Task Small_modules_install_directly()
    {
        var management = new ManagementCanister(agent);
        var module = WasmModule.Parse(TestModules.With(("icp:public candid:service", "service : {}"u8.ToArray())));
        await management.InstallModuleAsync(Target, module, CanisterInstallMode.InstallMode, []);
        agent.Sent.Select(s => s.Method).Should().Equal("install_code");
        var decoded = CandidDecoder.Decode(agent.Sent[0].Arg, Current.GetMethod("install_code").Arguments)[0];
        decoded["wasm_module"].AsBytes().Should().Equal(module.ModuleBytes.ToArray());
    }

    [Fact]
    public async Task Large_modules_upload_only_missing_chunks_then_install_chunked_and_clear()
    {
        var management = new ManagementCanister(agent);
        var module = WasmModule.Parse(TestModules.With(("icp:public filler", RandomNumberGenerator.GetBytes(2_500_000))));
        var chunks = module.Chunks();
        agent.Replies["stored_chunks"] = _ => CandidText.EncodeArguments($"(vec {{ record {{ hash = blob \"{Escape(chunks[1].Sha256)}\" }} }})", Current.GetMethod("stored_chunks").Results);
        agent.Replies["upload_chunk"] = arg =>
        {
            var chunk = CandidDecoder.Decode(arg, Current.GetMethod("upload_chunk").Arguments)[0]["chunk"].AsBytes();
            return CandidText.EncodeArguments($"(record {{ hash = blob \"{Escape(SHA256.HashData(chunk))}\" }})", Current.GetMethod("upload_chunk").Results);
        };

        await management.InstallModuleAsync(Target, module, CanisterInstallMode.UpgradeMode(), [1, 2, 3]);

        agent.Sent.Select(s => s.Method).Should().Equal("stored_chunks", "upload_chunk", "upload_chunk", "install_chunked_code", "clear_chunk_store");
        var installed = CandidDecoder.Decode(agent.Sent[3].Arg, Current.GetMethod("install_chunked_code").Arguments)[0];
        installed["wasm_module_hash"].AsBytes().Should().Equal(module.Sha256);
        installed["chunk_hashes_list"].AsVec().Select(h => Convert.ToHexStringLower(h["hash"].AsBytes())).Should().Equal(chunks.Select(c => c.Sha256Hex));
        agent.Sent.Should().OnlyContain(s => s.EffectiveCanisterId == Target);
    }

    [Fact]
    public async Task Chunks_over_1_MiB_are_refused_before_sending()
    {
        var act = () => new ManagementCanister(agent).UploadChunkAsync(Target, new byte[WasmModule.ChunkSize + 1]);
        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("at most 1048576 bytes, found 1048577");
        agent.Sent.Should().BeEmpty();
    }

    private const string StatusReplyText = """
        (record {
          status = variant { running };
          ready_for_migration = false;
          version = 3 : nat64;
          settings = record {
            controllers = vec { principal "rrkah-fqaaa-aaaaa-aaaaq-cai" };
            compute_allocation = 0; memory_allocation = 0; freezing_threshold = 2_592_000;
            reserved_cycles_limit = 5_000_000_000_000; log_visibility = variant { controllers };
            log_memory_limit = 0; wasm_memory_limit = 0; wasm_memory_threshold = 0;
            environment_variables = vec { record { name = "A"; value = "b" } };
          };
          module_hash = opt blob "\01\02";
          memory_size = 2_345_678;
          memory_metrics = record {
            wasm_memory_size = 11; stable_memory_size = 0; global_memory_size = 0; wasm_binary_size = 0;
            custom_sections_size = 0; canister_history_size = 0; wasm_chunk_store_size = 0; snapshots_size = 0;
            log_memory_store_size = 0;
          };
          cycles = 1_998_765_432_100;
          reserved_cycles = 0;
          idle_cycles_burned_per_day = 1;
          query_stats = record { num_calls_total = 0; num_instructions_total = 0; request_payload_bytes_total = 0; response_payload_bytes_total = 0 };
        })
        """;

    private const string OldStatusReplyText = """
        (record {
          status = variant { stopped };
          settings = record {
            controllers = vec { principal "rrkah-fqaaa-aaaaa-aaaaq-cai" };
            compute_allocation = 0; memory_allocation = 0; freezing_threshold = 2_592_000;
            reserved_cycles_limit = 0; log_visibility = variant { public }; wasm_memory_limit = 0;
          };
          module_hash = null;
          memory_size = 0;
          cycles = 5;
          reserved_cycles = 0;
          idle_cycles_burned_per_day = 0;
          query_stats = record { num_calls_total = 0; num_instructions_total = 0; request_payload_bytes_total = 0; response_payload_bytes_total = 0 };
        })
        """;

    private string Sent(string method)
    {
        var arg = agent.Sent.Single(s => s.Method == method).Arg;
        var types = Current.GetMethod(method).Arguments;
        return CandidText.PrintArguments(CandidDecoder.Decode(arg, types), types);
    }

    private static string Escape(byte[] bytes) => string.Concat(bytes.Select(b => $"\\{b:x2}"));
}
