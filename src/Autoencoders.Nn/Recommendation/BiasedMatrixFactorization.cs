using Autoencoders.Data;
using Autoencoders.Data.Ratings;

namespace Autoencoders.Nn.Recommendation;

/// <summary>
/// Biased matrix factorisation, r̂ = μ + b_u + b_i + p_u·q_i, fitted by stochastic gradient descent over the ratings in a
/// seeded random order (Funk 2006; Koren, Bell &amp; Volinsky, "Matrix factorization techniques for recommender systems",
/// IEEE Computer 2009, eq. 5): for e = r − r̂, b_u += γ(e − λ b_u), b_i += γ(e − λ b_i), p_u += γ(e q_i − λ p_u),
/// q_i += γ(e p_u − λ q_i). The step γ shrinks by 0.95 each epoch. Unseen users and items keep zero factors and biases.
/// </summary>
public sealed class BiasedMatrixFactorization : IRatingPredictor
{
    private readonly float[] userFactors, itemFactors, userBias, itemBias;

    public BiasedMatrixFactorization(RatingMatrix train, int factors = 32, int epochs = 20, float learningRate = 0.01f, float regularization = 0.05f, ulong seed = 1)
    {
        Factors = factors;
        Mean = (float)train.Mean();
        var random = new DeterministicRandom(seed);
        userFactors = new float[train.Rows * factors];
        itemFactors = new float[train.Columns * factors];
        random.FillGaussian(userFactors, 0f, 0.1f);
        random.FillGaussian(itemFactors, 0f, 0.1f);
        userBias = new float[train.Rows];
        itemBias = new float[train.Columns];

        // (user, position in the CSR) per rating, shuffled each epoch.
        var users = new int[train.Count];
        for (int user = 0; user < train.Rows; user++)
            users.AsSpan(train.RowStarts[user], train.CountOf(user)).Fill(user);
        var order = Enumerable.Range(0, train.Count).ToArray();
        ReadOnlySpan<int> items = train.ColumnIndices;
        ReadOnlySpan<float> ratings = train.Values;
        float step = learningRate;
        for (int epoch = 0; epoch < epochs; epoch++, step *= 0.95f)
        {
            random.Shuffle(order.AsSpan());
            foreach (int k in order)
            {
                int user = users[k], item = items[k];
                Span<float> p = userFactors.AsSpan(user * factors, factors), q = itemFactors.AsSpan(item * factors, factors);
                float error = ratings[k] - (Mean + userBias[user] + itemBias[item] + System.Numerics.Tensors.TensorPrimitives.Dot(p, q));
                userBias[user] += step * (error - regularization * userBias[user]);
                itemBias[item] += step * (error - regularization * itemBias[item]);
                for (int f = 0; f < factors; f++)
                {
                    float pf = p[f], qf = q[f];
                    p[f] += step * (error * qf - regularization * pf);
                    q[f] += step * (error * pf - regularization * qf);
                }
            }
        }
    }

    public string Name => "biased_mf";

    public int Factors { get; }

    public float Mean { get; }

    public float Predict(int user, int item)
    {
        bool knownUser = user < userBias.Length, knownItem = item < itemBias.Length;
        float prediction = Mean + (knownUser ? userBias[user] : 0f) + (knownItem ? itemBias[item] : 0f);
        if (knownUser && knownItem)
            prediction += System.Numerics.Tensors.TensorPrimitives.Dot(userFactors.AsSpan(user * Factors, Factors), itemFactors.AsSpan(item * Factors, Factors));
        return prediction;
    }
}
