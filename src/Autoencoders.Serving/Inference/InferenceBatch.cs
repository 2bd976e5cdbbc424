using Autoencoders.Applications.Anomaly;

namespace Autoencoders.Serving.Inference;

/// <summary>One forward pass for several requests of one operation: their rows stacked, the answer cut back into slices.</summary>
internal static class InferenceBatch
{
    public static void Answer(ServedModel model, Operation operation, IReadOnlyList<InferenceJob> jobs)
    {
        float[] rows = jobs.Count == 1 ? jobs[0].Rows : Stack(jobs, model.InputSize);
        if (operation == Operation.Score)
        {
            var (scores, top) = model.Score(rows, jobs.Max(job => job.Explain));
            int start = 0;
            foreach (var job in jobs)
            {
                double[] own = scores[start..(start + job.RowCount)];
                FeatureError[][]? ownTop = job.Explain > 0 ? [.. top![start..(start + job.RowCount)].Select(features => features[..Math.Min(job.Explain, features.Length)])] : null;
                job.Answer.TrySetResult(new InferenceResult(own, ownTop, null, 0));
                start += job.RowCount;
            }
            return;
        }
        float[] values = operation == Operation.Encode ? model.Encode(rows) : model.Reconstruct(rows);
        int width = values.Length / Math.Max(1, rows.Length / model.InputSize);
        int offset = 0;
        foreach (var job in jobs)
        {
            float[] own = jobs.Count == 1 ? values : values[offset..(offset + job.RowCount * width)];
            job.Answer.TrySetResult(new InferenceResult(null, null, own, width));
            offset += job.RowCount * width;
        }
    }

    private static float[] Stack(IReadOnlyList<InferenceJob> jobs, int inputSize)
    {
        var rows = new float[jobs.Sum(job => job.RowCount) * inputSize];
        int offset = 0;
        foreach (var job in jobs)
        {
            job.Rows.AsSpan(0, job.RowCount * inputSize).CopyTo(rows.AsSpan(offset));
            offset += job.RowCount * inputSize;
        }
        return rows;
    }
}
