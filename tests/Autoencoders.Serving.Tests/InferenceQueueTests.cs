using Autoencoders.Serving.Inference;

namespace Autoencoders.Serving.Tests;

/// <summary>The micro-batching queue: requests that wait together share a forward pass, and each gets its own rows' answer.</summary>
public sealed class InferenceQueueTests
{
    [Fact]
    public async Task RequestsWaitingTogetherShareForwardPassesAndGetTheirOwnAnswers()
    {
        var model = TinyServedModel.Create();
        await using var queue = new InferenceQueue(model, maxBatchRows: 4096);
        var rows = Enumerable.Range(0, 100).Select(i => TinyServedModel.Rows(1 + i % 5, seed: (ulong)i + 10)).ToArray();
        Task<InferenceResult>[] answers;
        using (queue.Hold()) // as while a long pass runs: the requests queue up behind it
            answers = [.. rows.Select(r => queue.Submit(Operation.Score, r, r.Length / 4, explain: 0))];
        InferenceResult[] results = await Task.WhenAll(answers);

        for (int i = 0; i < rows.Length; i++)
            Assert.Equal(model.Score(rows[i], explain: 0).Scores, results[i].Scores);
        Assert.Equal(100, queue.Requests);
        Assert.Equal(1, queue.Passes); // 300 rows under a cap of 4,096: one pass
    }

    [Fact]
    public async Task ARowCapSplitsTheQueueIntoPassesWithoutSplittingARequest()
    {
        var model = TinyServedModel.Create();
        await using var queue = new InferenceQueue(model, maxBatchRows: 10);
        var rows = Enumerable.Range(0, 12).Select(i => TinyServedModel.Rows(4, seed: (ulong)i + 50)).ToArray();
        Task<InferenceResult>[] answers;
        using (queue.Hold())
            answers = [.. rows.Select(r => queue.Submit(Operation.Encode, r, 4, explain: 0))];
        InferenceResult[] results = await Task.WhenAll(answers);

        for (int i = 0; i < rows.Length; i++)
            Assert.Equal(model.Encode(rows[i]), results[i].Values);
        Assert.Equal(6, queue.Passes); // 12 requests of 4 rows under a cap of 10 rows: two per pass
    }

    [Fact]
    public async Task ScoresEncodingsAndReconstructionsQueuedTogetherGetAPassEach()
    {
        var model = TinyServedModel.Create();
        await using var queue = new InferenceQueue(model, maxBatchRows: 4096);
        float[] rows = TinyServedModel.Rows(3, seed: 5);
        Task<InferenceResult> score, encode, reconstruct, explained;
        using (queue.Hold())
        {
            score = queue.Submit(Operation.Score, rows, 3, explain: 0);
            encode = queue.Submit(Operation.Encode, rows, 3, explain: 0);
            reconstruct = queue.Submit(Operation.Reconstruct, rows, 3, explain: 0);
            explained = queue.Submit(Operation.Score, rows, 3, explain: 2);
        }
        Assert.Equal(model.Score(rows, 0).Scores, (await score).Scores);
        Assert.Null((await score).Top); // this request asked for no explanation, though its pass made some
        Assert.Equal(model.Encode(rows), (await encode).Values);
        Assert.Equal(model.Reconstruct(rows), (await reconstruct).Values);
        var top = (await explained).Top!;
        Assert.Equal(model.Score(rows, 2).Top!.Select(r => r.Select(f => f.Feature)), top.Select(r => r.Select(f => f.Feature)));
        Assert.Equal(3, queue.Passes);
    }

    [Fact]
    public async Task ALoneRequestIsAnsweredOnItsOwnThreadAtOnce()
    {
        var model = TinyServedModel.Create();
        await using var queue = new InferenceQueue(model, maxBatchRows: 4096);
        Task<InferenceResult> answer = queue.Submit(Operation.Score, TinyServedModel.Rows(1, seed: 8), 1, explain: 0);
        Assert.True(answer.IsCompletedSuccessfully); // no hand-over to a worker thread
        await answer;
    }

    [Fact]
    public async Task WithoutBatchingEachRequestRunsItsOwnPass()
    {
        var model = TinyServedModel.Create();
        await using var queue = new InferenceQueue(model, maxBatchRows: 4096, batching: false);
        var rows = Enumerable.Range(0, 8).Select(i => TinyServedModel.Rows(3, seed: (ulong)i + 90)).ToArray();
        InferenceResult[] results = await Task.WhenAll(rows.Select(r => Task.Run(() => queue.Submit(Operation.Reconstruct, r, 3, explain: 0))));

        for (int i = 0; i < rows.Length; i++)
            Assert.Equal(model.Reconstruct(rows[i]), results[i].Values);
        Assert.Equal(8, queue.Passes);
    }

    [Fact]
    public async Task AFailingPassFailsOnlyItsRequestsAndTheQueueGoesOn()
    {
        var model = TinyServedModel.Create();
        await using var queue = new InferenceQueue(model, maxBatchRows: 4096);
        // Rows of 3 values where the model takes 4: the detector refuses them, and says why.
        var failure = await Assert.ThrowsAsync<ArgumentException>(() => queue.Submit(Operation.Score, new float[3], 1, explain: 0));
        Assert.Contains("expected whole rows of 4 values", failure.Message);
        var good = TinyServedModel.Rows(2, seed: 7);
        Assert.Equal(model.Score(good, explain: 0).Scores, (await queue.Submit(Operation.Score, good, 2, explain: 0)).Scores);
    }
}
