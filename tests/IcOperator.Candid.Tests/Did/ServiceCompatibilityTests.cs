namespace IcOperator.Candid.Tests.Did;

public sealed class ServiceCompatibilityTests
{
    private const string Current = """
        type Account = record { owner : principal; subaccount : opt blob };
        type Result = variant { ok : nat; err : text };
        service : (record { admin : principal }) -> {
          balance : (Account) -> (nat) query;
          transfer : (record { to : Account; amount : nat }) -> (Result);
          notify : (text) -> () oneway;
        }
        """;

    [Fact]
    public void The_same_interface_is_compatible_with_itself()
    {
        ServiceCompatibility.Check(Current, Current).Should().BeEmpty();
    }

    [Fact]
    public void Adding_methods_optional_parameters_and_result_fields_is_compatible()
    {
        const string next = """
            type Account = record { owner : principal; subaccount : opt blob };
            type Result = variant { ok : nat; err : text };
            service : (record { admin : principal; fee : opt nat }) -> {
              balance : (Account, opt text) -> (nat, opt text) query;
              transfer : (record { to : Account; amount : nat; memo : opt blob }) -> (Result);
              notify : (text) -> () oneway;
              version : () -> (text) query;
            }
            """;
        ServiceCompatibility.Check(Current, next).Should().BeEmpty();
    }

    [Fact]
    public void Removing_a_method_changing_a_mode_or_requiring_more_is_not()
    {
        const string next = """
            type Account = record { owner : principal; subaccount : opt blob };
            service : () -> {
              balance : (Account) -> (nat);
              transfer : (record { to : Account; amount : nat; memo : blob }) -> (variant { ok : nat; err : text; other : null });
            }
            """;
        var problems = ServiceCompatibility.Check(Current, next);
        problems.Should().Contain(p => p.Contains("'notify' is removed", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("'balance' changes its mode from query to update", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("method 'transfer' argument 0: field 'memo' of type blob is required but missing", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("method 'transfer' result 0: case 'other' is not accepted", StringComparison.Ordinal));
        problems.Should().HaveCount(4);
    }

    [Fact]
    public void Narrowing_a_result_type_is_not()
    {
        const string current = "service : { get : () -> (record { a : nat; b : text }) }";
        const string next = "service : { get : () -> (record { a : int }) }";
        var problems = ServiceCompatibility.Check(current, next);
        problems.Should().HaveCount(1);
        problems[0].Should().Contain("'get' result 0");
    }

    [Fact]
    public void The_init_arguments_and_types_of_a_did_file_are_read()
    {
        var did = DidFile.Parse(Current);
        did.InitArguments.Should().ContainSingle();
        var arg = CandidText.EncodeArguments("(record { admin = principal \"2vxsx-fae\" })", did.InitArguments);
        CandidDecoder.Decode(arg, did.InitArguments)[0]["admin"].AsPrincipal().Should().Be(Principal.Anonymous);
        var wrong = () => CandidText.EncodeArguments("(record { admin = \"me\" })", did.InitArguments);
        wrong.Should().Throw<CandidException>().WithMessage("*admin*expected principal*");
        did.GetMethod("notify").Modes.Should().Equal(FuncMode.Oneway);
    }

    [Fact]
    public void Candid_args_metadata_with_type_definitions_parses()
    {
        var did = DidFile.Parse("type InitArgs = record { owner : principal }; (InitArgs, opt nat)");
        did.Service.Should().BeNull();
        did.Arguments.Should().HaveCount(2);
        did.Arguments![0].Should().BeSameAs(did.GetType("InitArgs"));
    }

    [Theory]
    [InlineData("type A = B;", "'B' is used but not defined")]
    [InlineData("type A = A;", "defined only in terms of itself")]
    [InlineData("type A = nat; type A = int;", "defined twice")]
    [InlineData("service : { m : (nat) -> (); m : () -> () }", "two methods named 'm'")]
    [InlineData("type R = record { a : nat; a : int };", "two fields with id")]
    [InlineData("import \"other.did\";", "imports are not supported")]
    [InlineData("service : { m : (nat) -> (nat }", "expected")]
    public void Malformed_did_files_are_refused_with_the_reason(string source, string reason)
    {
        var act = () => DidFile.Parse(source);
        act.Should().Throw<CandidException>().Which.Message.Should().Contain(reason);
    }

    [Fact]
    public void Service_types_print_back_as_did_syntax_that_parses_to_the_same_interface()
    {
        var did = DidFile.Parse(Current);
        var printed = did.Service!.ToString();
        var reparsed = (ServiceType)CandidType.Parse(printed, did);
        ServiceCompatibility.Check(did.Service, reparsed).Should().BeEmpty();
        ServiceCompatibility.Check(reparsed, did.Service).Should().BeEmpty();
        printed.Should().Contain("balance : (Account) -> (nat) query;");
    }
}
