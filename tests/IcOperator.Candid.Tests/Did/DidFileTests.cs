namespace IcOperator.Candid.Tests.Did;

public sealed class DidFileTests
{
    [Fact]
    public void Types_parsed_against_a_file_use_its_definitions_without_changing_it()
    {
        var did = DidFile.Parse("type Account = record { owner : principal }; type Accounts = vec Account;");
        did.Types.Select(t => t.Name).Should().Equal("Account", "Accounts");

        var bad = () => CandidType.Parse("record { a : Missing }", did);
        bad.Should().Throw<CandidException>().WithMessage("*'Missing' is used but not defined*");

        var good = CandidType.Parse("opt Accounts", did);
        ((OptType)good).Inner.Should().BeSameAs(did.GetType("Accounts"));
        did.FindType("Missing").Should().BeNull();
        did.Types.Should().HaveCount(2);
    }

    [Fact]
    public void Services_may_be_named_given_by_a_type_and_use_method_types_by_name()
    {
        var did = DidFile.Parse("""
            type Get = func (text) -> (opt blob) query;
            type Store = service { get : Get; put : (text, blob) -> () };
            service store : Store
            """);
        did.Service!.Methods.Select(m => m.Name).Should().Equal("get", "put");
        did.GetMethod("get").IsQuery.Should().BeTrue();
        did.InitArguments.Should().BeEmpty();
    }

    [Fact]
    public void Named_arguments_quoted_names_and_composite_queries_parse()
    {
        var did = DidFile.Parse("""
            service : (owner : principal, "initial supply" : nat) -> {
              "transfer-from" : (from : principal, amount : nat) -> (variant { ok; err : text });
              aggregate : () -> (nat) composite_query;
            }
            """);
        did.InitArguments.Should().Equal(CandidType.Principal, CandidType.Nat);
        did.GetMethod("transfer-from").Arguments.Should().HaveCount(2);
        did.GetMethod("aggregate").Modes.Should().Equal(FuncMode.CompositeQuery);
        did.Service!.ToString().Should().Contain("\"transfer-from\" : (principal, nat) -> (variant {");
    }
}
