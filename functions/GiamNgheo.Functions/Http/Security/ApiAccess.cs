using GiamNgheo.Access.Authorization;
using GiamNgheo.Access.Callers;
using GiamNgheo.Pipeline.Audit;
using Microsoft.AspNetCore.Http;

namespace GiamNgheo.Functions.Http.Security;

/// <summary>What HTTP functions ask before acting: may the signed-in caller do this here (403 otherwise, audited), and the audit of what they did.</summary>
public sealed class ApiAccess(AccessPolicy policy, AuditLog audit)
{
    /// <summary>The policy, for decisions that need the resource first (a plan's reporters).</summary>
    public AccessPolicy Policy => policy;

    /// <summary>The verified caller of the request.</summary>
    public static Caller Caller(HttpRequest request) => RequestAuthenticator.CallerOf(request);

    /// <summary>The caller as the audit and the review trail record it.</summary>
    public static AuditActor Actor(HttpRequest request)
    {
        var caller = Caller(request);
        return new AuditActor(caller.Id, caller.Name);
    }

    /// <summary>Null when the caller may do <paramref name="operation"/> on the target; else the refusal is audited and its 403 returned.</summary>
    public Task<IResult?> CheckAsync(HttpRequest request, Operation operation, UnitTarget? target, string action, string resource, CancellationToken cancellationToken) =>
        CheckAsync(request, policy.Decide(Caller(request), operation, target), action, target, resource, cancellationToken);

    /// <summary>Null when <paramref name="decision"/> allows; else the refusal is audited and its 403 returned.</summary>
    public async Task<IResult?> CheckAsync(HttpRequest request, AccessDecision decision, string action, UnitTarget? target, string resource, CancellationToken cancellationToken)
    {
        if (decision.Allowed)
            return null;
        await RecordAsync(request, action, target, resource, AuditEntry.Refused, cancellationToken);
        return Problems.Create("khong-co-quyen", StatusCodes.Status403Forbidden, "Không có quyền", decision.Reason!);
    }

    /// <summary>Appends what the caller did to the audit log.</summary>
    public Task RecordAsync(HttpRequest request, string action, UnitTarget? target, string resource, string outcome, CancellationToken cancellationToken) =>
        audit.RecordAsync(new AuditEntry(action, target?.Code, target?.Year, resource, Actor(request), outcome), cancellationToken);
}
