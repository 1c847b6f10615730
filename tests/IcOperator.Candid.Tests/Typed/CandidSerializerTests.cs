using System.Numerics;
using IcOperator.Candid.Tests.Did;

namespace IcOperator.Candid.Tests.Typed;

public sealed class CandidSerializerTests
{
    private static readonly Principal Ledger = Principal.Parse("ryjl3-tyaaa-aaaaa-aaaba-cai");

    [Fact]
    public void Reads_the_canister_status_reply_into_a_record_skipping_fields_it_does_not_declare()
    {
        var spec = ManagementCanisterInterfaceTests.Spec;
        var types = spec.GetMethod("canister_status").Results;
        var reply = CandidText.EncodeArguments(ManagementCanisterInterfaceTests.StatusReply, types);

        var status = CandidSerializer.Decode<CanisterStatusResult>(reply);

        status.Status.Should().Be(CanisterStatusKind.Running);
        status.Cycles.Should().Be(BigInteger.Parse("1998765432100", System.Globalization.CultureInfo.InvariantCulture));
        status.MemorySize.Should().Be(2_345_678);
        status.ModuleHash![..2].Should().Equal(0x3a, 0x7f);
        status.Settings.Controllers.Should().Equal(Ledger, Principal.Anonymous);
        status.Settings.LogVisibility.Should().Be(new LogVisibility.Controllers());
        status.Settings.FreezingThreshold.Should().Be(2_592_000);
    }

    [Fact]
    public void Install_chunked_code_args_encode_as_the_interface_declares()
    {
        var args = new InstallChunkedCodeArgs(
            new CanisterInstallMode.Upgrade(new UpgradeOptions(false, WasmMemoryPersistence.Keep)),
            Ledger,
            null,
            [new ChunkHash([1, 2]), new ChunkHash([3])],
            [0xaa, 0xbb],
            [.. "DIDL\0\0"u8],
            7);

        var bytes = CandidSerializer.Encode(args);

        // The bytes decode at the real ic.did type, to the value the text form describes.
        var type = ManagementCanisterInterfaceTests.Spec.GetMethod("install_chunked_code").Arguments;
        var expected = CandidText.ParseArguments(
            "(record { mode = variant { upgrade = opt record { skip_pre_upgrade = opt false; wasm_memory_persistence = opt variant { keep } } }; " +
            "target_canister = principal \"ryjl3-tyaaa-aaaaa-aaaba-cai\"; store_canister = null; " +
            "chunk_hashes_list = vec { record { hash = blob \"\\01\\02\" }; record { hash = blob \"\\03\" } }; " +
            "wasm_module_hash = blob \"\\aa\\bb\"; arg = blob \"DIDL\\00\\00\"; sender_canister_version = opt 7 })", type);
        CandidDecoder.Decode(bytes, type).Should().Equal(expected);

        var back = CandidSerializer.Decode<InstallChunkedCodeArgs>(bytes);
        back.Mode.Should().Be(args.Mode);
        back.ChunkHashesList.Select(c => c.Hash).Should().BeEquivalentTo(args.ChunkHashesList.Select(c => c.Hash), o => o.WithStrictOrdering());
        back.SenderCanisterVersion.Should().Be(7UL);
        back.StoreCanister.Should().BeNull();
    }

    [Fact]
    public void The_mapped_type_reads_as_candid()
    {
        var options = (RecordType)CandidSerializer.TypeOf<UpgradeOptions>().Resolved;
        options.Find("skip_pre_upgrade")!.Type.ToString().Should().Be("opt bool");
        var persistence = (VariantType)((OptType)options.Find("wasm_memory_persistence")!.Type).Inner.Resolved;
        persistence.Cases.Select(c => (c.Name, c.Type)).Should().BeEquivalentTo(new[] { ("keep", CandidType.Null), ("replace", CandidType.Null) });
        var install = (RecordType)CandidSerializer.TypeOf<InstallChunkedCodeArgs>().Resolved;
        install.Find("chunk_hashes_list")!.Type.ToString().Should().Be("vec ChunkHash");
        install.Find("sender_canister_version")!.Type.ToString().Should().Be("opt nat64");
        CandidSerializer.TypeOf<LogVisibility>().IsSubtypeOf(ManagementCanisterInterfaceTests.Spec.GetType("log_visibility")).Should().BeTrue();
    }

    [Fact]
    public void Recursive_classes_with_renamed_and_ignored_properties_round_trip()
    {
        var tree = new Tree
        {
            Name = "root",
            Weight = -5,
            Cached = 99,
            Children = [new Tree { Name = "leaf", Weight = BigInteger.Pow(10, 30) }],
        };

        var bytes = CandidSerializer.Encode(tree);
        var type = (RecordType)CandidSerializer.TypeOf<Tree>().Resolved;
        type.Fields.Select(f => f.Name).Should().BeEquivalentTo("label", "children", "weight");
        type.Find("weight")!.Type.Should().BeSameAs(CandidType.Int);

        var back = CandidSerializer.Decode<Tree>(bytes);
        back.Name.Should().Be("root");
        back.Weight.Should().Be(-5);
        back.Cached.Should().Be(0);
        back.Children.Single().Weight.Should().Be(BigInteger.Pow(10, 30));
        CandidText.Print(CandidDecoder.DecodeOne(bytes, CandidSerializer.TypeOf<Tree>()), CandidSerializer.TypeOf<Tree>())
            .Should().Contain("label = \"leaf\"");
    }

    [Fact]
    public void A_reply_that_lacks_a_required_field_names_it()
    {
        var bytes = CandidText.EncodeArguments("(record { hash = blob \"\" })", CandidType.ParseArguments("(record { hash : blob })"));
        var act = () => CandidSerializer.Decode<UpgradeOptions>(bytes);
        act.Should().NotThrow("every field of UpgradeOptions is optional");
        var missing = () => CandidSerializer.Decode<InstallChunkedCodeArgs>(bytes);
        missing.Should().Throw<CandidException>().WithMessage("*field 'arg' of type blob is missing*");
    }

    [Fact]
    public void A_number_too_large_for_the_CSharp_type_is_an_error_naming_the_field()
    {
        var value = CandidText.ParseValue("record { hash = blob \"\" }", CandidType.Parse("record { hash : blob }"));
        CandidSerializer.FromValue<ChunkHash>(value).Hash.Should().BeEmpty();
        var wide = CandidValue.Record(("sender_canister_version", CandidValue.Some(CandidValue.Nat(BigInteger.Pow(2, 64)))));
        var act = () => CandidSerializer.FromValue<OnlyVersion>(wide);
        act.Should().Throw<CandidException>().WithMessage("*sender_canister_version*");
    }

    public sealed record OnlyVersion([property: CandidKind(CandidTypeKind.Nat)] ulong? SenderCanisterVersion);
}
