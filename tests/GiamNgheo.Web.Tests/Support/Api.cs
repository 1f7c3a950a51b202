using System.Net;
using System.Text.Json;

namespace GiamNgheo.Web.Tests.Support;

/// <summary>Test setup through the API itself (uploads, plans), so the browser tests start from states the app made.</summary>
public static class Api
{
    /// <summary>Uploads a survey as a browser does (multipart field <c>file</c>) and returns the submission id of the 202.</summary>
    public static async Task<string> UploadAsync(HttpClient client, int year, string commune, byte[] content, string fileName)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", fileName } };
        using var response = await client.PostAsync(new Uri($"/api/surveys/{year}/{commune}", UriKind.Relative), form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"upload → {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("submissionId").GetString()!;
    }

    /// <summary>Polls the submission until its status is final (scored, rejected or failed).</summary>
    public static async Task<JsonElement> WaitFinalAsync(HttpClient client, string submissionId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var view = await GetJsonAsync(client, $"/api/submissions/{submissionId}");
            if (view.GetProperty("status").GetString() is "scored" or "rejected" or "failed")
                return view;
            Assert.True(DateTime.UtcNow < deadline, $"Submission {submissionId} is still {view.GetProperty("status")}.");
            await Task.Delay(100);
        }
    }

    /// <summary>GET as JSON, asserting success.</summary>
    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} → {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>POST JSON, asserting success, and return the answer.</summary>
    public static async Task<JsonElement> PostJsonAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), new StringContent(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path} → {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
