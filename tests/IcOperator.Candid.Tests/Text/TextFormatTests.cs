namespace IcOperator.Candid.Tests.Text;

public sealed class TextFormatTests
{
    [Fact]
    public void Parses_the_issue_example_and_prints_it_with_names_from_the_type()
    {
        var types = CandidType.ParseArguments("(record { owner : principal; amounts : vec nat }, opt text, variant { ok; err : text })");
        var values = CandidText.ParseArguments(
            "(record { owner = principal \"2vxsx-fae\"; amounts = vec { 1 : nat; 2 } }, opt \"x\", variant { ok })", types);
        CandidText.PrintArguments(values, types).Should().Be(
            "(record { owner = principal \"2vxsx-fae\"; amounts = vec { 1; 2 } }, opt \"x\", variant { ok })");
    }

    [Fact]
    public void Without_a_type_fields_print_as_ids_and_numbers_keep_their_kind()
    {
        var bytes = CandidText.EncodeArguments("(record { cycles = 1_000_000 })", CandidType.ParseArguments("(record { cycles : nat })"));
        var message = CandidDecoder.Decode(bytes);
        var printed = CandidText.PrintArguments(message.Values);
        printed.Should().Be($"(record {{ {Grouped(FieldId.Of("cycles"))} = 1_000_000 : nat }})");

        // What was printed parses back to the same value and encodes to the same bytes.
        var reparsed = CandidText.ParseArguments(printed);
        CandidEncoder.Encode(reparsed).Should().Equal(bytes);
    }

    [Theory]
    [InlineData("(1_000_000)", "nat", "1000000")]
    [InlineData("(0xff)", "nat8", "255")]
    [InlineData("(-0x10)", "int", "-16")]
    [InlineData("(+7)", "int8", "7")]
    [InlineData("(1_0.5)", "float64", "10.5")]
    [InlineData("(3)", "float32", "3")]
    public void Number_literals_take_the_kind_of_the_type(string text, string type, string expected)
    {
        var t = CandidType.Parse(type);
        var value = CandidText.ParseArguments(text, [t])[0];
        (value switch
        {
            CandidNumber n => n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            CandidFloat f => f.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => value.GetType().Name,
        }).Should().Be(expected);
        ((value as CandidNumber)?.Kind ?? ((CandidFloat)value).Kind).Should().Be(t.Kind);
    }

    [Theory]
    [InlineData("(256)", "nat8", "out of range")]
    [InlineData("(-1)", "nat", "out of range")]
    [InlineData("(1 : nat8)", "nat", "expected nat")]
    [InlineData("(\"x\")", "nat", "expected nat")]
    [InlineData("(record { a = 1 })", "record { a : nat; b : text }", "field 'b'")]
    [InlineData("(variant { c })", "variant { a; b }", "variant case")]
    [InlineData("(principal \"aaaaa-aa\")", "service {}", "expected service")]
    public void Values_that_do_not_fit_the_type_are_refused_with_a_reason(string text, string type, string reason)
    {
        var act = () => CandidText.ParseArguments(text, [CandidType.Parse(type)]);
        act.Should().Throw<CandidException>().Which.Message.Should().Contain(reason);
    }

    [Fact]
    public void Blob_escapes_and_vec_nat8_are_the_same_value()
    {
        var blob = CandidText.ParseValue("blob \"\\00\\ffA\"", CandidType.Blob);
        var vec = CandidText.ParseValue("vec { 0; 255; 65 }", CandidType.Blob);
        blob.Should().Be(vec);
        blob.AsBytes().Should().Equal(0x00, 0xff, 0x41);
        CandidText.Print(blob, CandidType.Blob).Should().Be("blob \"\\00\\ffA\"");
    }

    [Fact]
    public void Fields_can_be_given_by_number_or_by_quoted_name()
    {
        var type = CandidType.Parse("record { foo : nat; \"with space\" : text; 5 : bool }");
        var byName = CandidText.ParseValue("record { foo = 1; \"with space\" = \"x\"; 5 = true }", type);
        var byId = CandidText.ParseValue($"record {{ {FieldId.Of("foo")} = 1; {FieldId.Of("with space")} = \"x\"; 5 = true }}", type);
        byName.Should().Be(byId);
        // Fields print in id order, named from the type; a name that is not an identifier is quoted.
        CandidText.Print(byName, type).Should().Be("record { 5 = true; foo = 1; \"with space\" = \"x\" }");
    }

    [Fact]
    public void Tuples_print_without_labels_and_func_and_service_literals_round_trip()
    {
        var type = CandidType.Parse("record { nat; text; func () -> (); service {} }");
        var value = CandidText.ParseValue("record { 1; \"a\"; func \"aaaaa-aa\".\"🐂\"; service \"2vxsx-fae\" }", type);
        var printed = CandidText.Print(value, type);
        printed.Should().Be("record { 1; \"a\"; func \"aaaaa-aa\".\"🐂\"; service \"2vxsx-fae\" }");
        CandidText.ParseValue(printed, type).Should().Be(value);
    }

    [Fact]
    public void Text_escapes_round_trip()
    {
        var value = CandidText.ParseValue("\"tab\\there \\u{1F402} quote\\\" back\\\\ \\7e\"", CandidType.Text);
        value.AsText().Should().Be("tab\there 🐂 quote\" back\\ ~");
        CandidText.ParseValue(CandidText.Print(value, CandidType.Text), CandidType.Text).Should().Be(value);
    }

    [Fact]
    public void Comments_and_trailing_separators_are_accepted()
    {
        var type = CandidType.Parse("record { a : vec nat; }");
        CandidText.ParseValue("record { /* c */ a = vec { 1; 2; }; } // end", type)["a"].AsVec().Should().HaveCount(2);
    }

    [Fact]
    public void Parse_errors_say_where()
    {
        var act = () => CandidText.ParseArguments("(record {\n  a = 1;\n  b = }");
        var error = act.Should().Throw<CandidParseException>().Which;
        error.Line.Should().Be(3);
        error.Message.Should().Contain("expected a value");
    }

    [Fact]
    public void Annotations_inside_a_value_pick_the_type()
    {
        var values = CandidText.ParseArguments("(vec { 1 : nat8; 2 : nat8 }, (5 : int32))");
        var message = CandidDecoder.Decode(CandidEncoder.Encode(values));
        string.Join(", ", message.Types).Should().Be("blob, int32");
    }

    [Fact]
    public void Top_level_annotations_give_the_argument_types_when_encoding_without_types()
    {
        var did = DidFile.Parse("type Account = record { owner : principal; subaccount : opt blob };");
        var bytes = CandidText.EncodeArguments("(null : opt nat, 5 : nat8, vec {} : vec text, record { owner = principal \"aaaaa-aa\" } : Account, 7)", did);
        var message = CandidDecoder.Decode(bytes);
        message.Types.Select(t => t.ToString()).Take(3).Should().Equal("opt nat", "nat8", "vec text");
        var account = did.GetType("Account");
        (message.Types[3].IsSubtypeOf(account) && account.IsSubtypeOf(message.Types[3])).Should().BeTrue("the record went out at type Account");
        message.Types[4].Should().BeSameAs(CandidType.Int);
        CandidDecoder.Decode(bytes, [CandidType.Opt(CandidType.Nat), CandidType.Nat8, CandidType.Vec(CandidType.Text), did.GetType("Account"), CandidType.Int])[3]["subaccount"]
            .AsOption().Should().BeNull();

        var unknown = () => CandidText.EncodeArguments("(1 : Missing)", did);
        unknown.Should().Throw<CandidException>().WithMessage("*Missing*");
        did.FindType("Missing").Should().BeNull("annotations never add names to the definitions");
    }

    private static string Grouped(uint id)
    {
        var s = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var parts = new List<string>();
        for (var end = s.Length; end > 0; end -= 3)
        {
            parts.Insert(0, s[Math.Max(0, end - 3)..end]);
        }

        return string.Join("_", parts);
    }
}
