using IcOperator.Testing;

namespace IcOperator.Candid.Tests.Did;

public sealed class ManagementCanisterInterfaceTests
{
    internal const string StatusReply =
        "(record { status = variant { running }; settings = record { controllers = vec { principal \"ryjl3-tyaaa-aaaaa-aaaba-cai\"; principal \"2vxsx-fae\" }; " +
        "compute_allocation = 0; memory_allocation = 0; freezing_threshold = 2_592_000; reserved_cycles_limit = 5_000_000_000_000; " +
        "log_visibility = variant { controllers }; wasm_memory_limit = 3_221_225_472 }; " +
        "module_hash = opt blob \"\\3a\\7f\\00\\ff\\10\\20\\30\\40\\50\\60\\70\\80\\90\\a0\\b0\\c0\\d0\\e0\\f0\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\"; " +
        "memory_size = 2_345_678; cycles = 1_998_765_432_100; reserved_cycles = 0; idle_cycles_burned_per_day = 123_456_789; " +
        "query_stats = record { num_calls_total = 17; num_instructions_total = 123_456; request_payload_bytes_total = 2_048; response_payload_bytes_total = 4_096 } })";

    internal static DidFile Spec { get; } = DidFile.Parse(File.ReadAllText(TestPaths.Vectors("ic-spec", "ic.did")));

    [Fact]
    public void Parses_the_management_canister_interface()
    {
        Spec.Service.Should().NotBeNull();
        Spec.Service!.Methods.Select(m => m.Name).Should().Contain(["canister_status", "install_chunked_code", "create_canister", "take_canister_snapshot"]);
        Spec.GetMethod("canister_status").Arguments.Should().ContainSingle().Which.Should().BeSameAs(Spec.GetType("canister_status_args"));
        Spec.GetMethod("raw_rand").Results.Single().Resolved.ToString().Should().Be("blob");
        Spec.Types.Should().HaveCountGreaterThan(50);
        var status = (RecordType)Spec.GetType("canister_status_result").Resolved;
        status.Find("module_hash")!.Type.ToString().Should().Be("opt blob");
        ((VariantType)status.Find("status")!.Type).Cases.Select(c => c.Name).Should().BeEquivalentTo("running", "stopping", "stopped");
    }

    [Fact]
    public void Parses_the_newer_cdk_copy_of_the_interface()
    {
        var did = DidFile.Parse(File.ReadAllText(TestPaths.Vectors("ic-spec", "ic.cdk-rs-2026-03.did")));
        did.Service!.Find("install_chunked_code").Should().NotBeNull();
        did.Service.Methods.Count.Should().BeGreaterThan(Spec.Service!.Methods.Count);
    }

    [Fact]
    public void Canister_status_reply_round_trips_through_bytes_and_text()
    {
        var type = Spec.GetMethod("canister_status").Results;
        var value = CandidText.ParseArguments(StatusReply, type);
        var bytes = CandidEncoder.Encode(type, value);
        var decoded = CandidDecoder.Decode(bytes, type);
        decoded.Should().Equal(value);

        var printed = CandidText.PrintArguments(decoded, type);
        printed.Should().Contain("cycles = 1_998_765_432_100").And.Contain("log_visibility = variant { controllers }");
        CandidText.ParseArguments(printed, type).Should().Equal(value);

        decoded[0]["cycles"].AsBigInteger().Should().Be(1_998_765_432_100);
        decoded[0]["settings"]["controllers"].AsVec()[0].AsPrincipal().ToString().Should().Be("ryjl3-tyaaa-aaaaa-aaaba-cai");
        decoded[0]["module_hash"].AsOption()!.AsBytes()[..2].Should().Equal(0x3a, 0x7f);
    }

    [Fact]
    public void Encoding_and_decoding_from_many_threads_at_once_agree()
    {
        var type = Spec.GetMethod("canister_status").Results;
        var value = CandidText.ParseArguments(StatusReply, type);
        var expected = CandidEncoder.Encode(type, value);
        var failures = 0;
        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var bytes = CandidEncoder.Encode(type, value);
            var back = CandidDecoder.Decode(bytes, type);
            var typed = CandidSerializer.Decode<Typed.CanisterStatusResult>(bytes);
            if (!bytes.AsSpan().SequenceEqual(expected) || !back.SequenceEqual(value) || typed.Cycles != value[0]["cycles"].AsBigInteger())
            {
                Interlocked.Increment(ref failures);
            }
        });
        failures.Should().Be(0);
    }

    [Fact]
    public void Install_chunked_code_args_round_trip()
    {
        var type = Spec.GetMethod("install_chunked_code").Arguments;
        const string text = "(record { mode = variant { upgrade = opt record { skip_pre_upgrade = opt false; wasm_memory_persistence = opt variant { keep } } }; " +
            "target_canister = principal \"ryjl3-tyaaa-aaaaa-aaaba-cai\"; store_canister = null; " +
            "chunk_hashes_list = vec { record { hash = blob \"\\01\\02\" }; record { hash = blob \"\\03\" } }; " +
            "wasm_module_hash = blob \"\\aa\\bb\"; arg = blob \"DIDL\\00\\00\"; sender_canister_version = opt 7 })";
        var value = CandidText.ParseArguments(text, type);
        var bytes = CandidEncoder.Encode(type, value);
        CandidDecoder.Decode(bytes, type).Should().Equal(value);
        value[0]["sender_canister_version"].AsOption()!.AsUInt64().Should().Be(7);
    }

    [Fact]
    public void Status_reply_of_a_newer_replica_decodes_at_the_older_type()
    {
        // Replicas add fields over time; an operator built against the older interface must still read the reply.
        var old = Spec.GetMethod("canister_status").Results;
        var newer = DidFile.Parse(File.ReadAllText(TestPaths.Vectors("ic-spec", "ic.cdk-rs-2026-03.did"))).GetMethod("canister_status").Results;
        var newerRecord = (RecordType)newer[0].Resolved;
        newerRecord.Fields.Count.Should().BeGreaterThan(((RecordType)old[0].Resolved).Fields.Count);

        var oldRecord = (RecordType)old[0].Resolved;
        newer[0].IsSubtypeOf(old[0]).Should().BeTrue();
        oldRecord.Fields.Should().OnlyContain(f => newerRecord.Find(f.Id) != null);
    }
}
