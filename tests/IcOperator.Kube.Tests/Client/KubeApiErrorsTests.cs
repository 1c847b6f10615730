using System.Net;
using IcOperator.Kube.Client;

namespace IcOperator.Kube.Tests.Client;

public sealed class KubeApiErrorsTests
{
    private static KubeApiException Decode(HttpStatusCode code, string body, TimeSpan? retryAfter = null) =>
        KubeApiErrors.FromResponse("PUT", "/apis/x/v1/namespaces/a/widgets/w", code, body, retryAfter);

    [Fact]
    public void NotFound_decodes_with_the_servers_message()
    {
        var e = Decode(HttpStatusCode.NotFound, """{"kind":"Status","apiVersion":"v1","status":"Failure","message":"widgets \"w\" not found","reason":"NotFound","details":{"name":"w","kind":"widgets"},"code":404}""");
        e.Should().BeOfType<KubeNotFoundException>();
        e.Message.Should().Contain("widgets \"w\" not found").And.Contain("PUT /apis/x/v1/namespaces/a/widgets/w");
        e.Status!.Details!.Name.Should().Be("w");
    }

    [Fact]
    public void Conflict_and_AlreadyExists_are_told_apart_by_reason()
    {
        Decode(HttpStatusCode.Conflict, """{"kind":"Status","reason":"Conflict","message":"the object has been modified","code":409}""")
            .Should().BeOfType<KubeConflictException>();
        Decode(HttpStatusCode.Conflict, """{"kind":"Status","reason":"AlreadyExists","message":"widgets \"w\" already exists","code":409}""")
            .Should().BeOfType<KubeAlreadyExistsException>();
    }

    [Fact]
    public void Invalid_lists_the_fields_at_fault()
    {
        var e = Decode(HttpStatusCode.UnprocessableEntity, """
            {"kind":"Status","status":"Failure","reason":"Invalid","code":422,"message":"Widget.test \"w\" is invalid",
             "details":{"name":"w","causes":[{"reason":"FieldValueRequired","message":"Required value","field":"spec.template"},
                                             {"reason":"FieldValueInvalid","message":"must be >= 0","field":"spec.size"}]}}
            """);
        var invalid = e.Should().BeOfType<KubeInvalidException>().Subject;
        invalid.Causes.Select(c => c.Field).Should().Equal("spec.template", "spec.size");
        invalid.Message.Should().Contain("spec.template: Required value").And.Contain("spec.size: must be >= 0");
    }

    [Theory]
    [InlineData(HttpStatusCode.Gone, "Expired")]
    [InlineData(HttpStatusCode.Gone, "Gone")]
    [InlineData(HttpStatusCode.InternalServerError, "Expired")]
    public void Gone_and_expired_are_the_relist_signal(HttpStatusCode code, string reason)
    {
        Decode(code, $$"""{"kind":"Status","reason":"{{reason}}","message":"too old resource version","code":{{(int)code}}}""")
            .Should().BeOfType<KubeGoneException>();
    }

    [Fact]
    public void TooManyRequests_prefers_the_Retry_After_header_then_the_status_details()
    {
        const string Body = """{"kind":"Status","reason":"TooManyRequests","message":"throttled","code":429,"details":{"retryAfterSeconds":7}}""";
        Decode(HttpStatusCode.TooManyRequests, Body, TimeSpan.FromSeconds(3)).Should().BeOfType<KubeTooManyRequestsException>()
            .Which.RetryAfter.Should().Be(TimeSpan.FromSeconds(3));
        Decode(HttpStatusCode.TooManyRequests, Body).Should().BeOfType<KubeTooManyRequestsException>()
            .Which.RetryAfter.Should().Be(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public void A_body_that_is_not_a_Status_still_yields_a_typed_error_with_the_text()
    {
        var e = Decode(HttpStatusCode.NotFound, "404 page not found");
        e.Should().BeOfType<KubeNotFoundException>();
        e.Status.Should().BeNull();
        e.Message.Should().Contain("404 page not found");

        var other = Decode(HttpStatusCode.Forbidden, """{"kind":"Status","reason":"Forbidden","message":"widgets is forbidden: User \"system:serviceaccount:ops:op\" cannot update","code":403}""");
        other.Should().BeOfType<KubeApiException>();
        other.Reason.Should().Be("Forbidden");
        other.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
