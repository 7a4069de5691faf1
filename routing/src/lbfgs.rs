//! Limited-memory BFGS (Nocedal & Wright, algorithm 7.4) with a
//! backtracking Armijo line search, working in place on the parameter
//! vector. The routing model has hundreds of thousands of parameters; a
//! general-purpose optimiser that allocates a vector per operation spent
//! most of the training time on that bookkeeping, this one allocates its
//! buffers once.

use std::collections::VecDeque;

/// When to stop.
#[derive(Debug, Clone, Copy)]
pub struct Stop {
    pub max_iters: u64,
    /// Largest gradient component below which the point is optimal.
    pub gradient: f64,
    /// Relative decrease of the objective below which progress has stalled.
    pub relative_decrease: f64,
}

/// Minimises `f` from `x` (updated in place). `f(x, g)` returns the value at
/// `x` and writes the gradient into `g`. Returns the number of iterations.
pub fn minimize(mut f: impl FnMut(&[f64], &mut [f64]) -> f64, x: &mut Vec<f64>, stop: Stop) -> u64 {
    const MEMORY: usize = 10;
    let n = x.len();
    let mut g = vec![0.0; n];
    let mut value = f(x, &mut g);
    let mut direction = vec![0.0; n];
    let mut x_next = vec![0.0; n];
    let mut g_next = vec![0.0; n];
    // (s, y, 1 / yᵀs), newest last; buffers are recycled.
    let mut history: VecDeque<(Vec<f64>, Vec<f64>, f64)> = VecDeque::with_capacity(MEMORY);
    let mut alphas = [0.0; MEMORY];
    let mut iterations = 0;
    while iterations < stop.max_iters {
        if g.iter().all(|v| v.abs() < stop.gradient) {
            break;
        }
        iterations += 1;

        // Two-loop recursion: direction = −H·g.
        direction.copy_from_slice(&g);
        for (i, (s, y, rho)) in history.iter().enumerate().rev() {
            alphas[i] = rho * dot(s, &direction);
            axpy(-alphas[i], y, &mut direction);
        }
        let scale = match history.back() {
            Some((s, y, _)) => dot(s, y) / dot(y, y),
            None => 1.0 / dot(&g, &g).sqrt().max(1e-12),
        };
        direction.iter_mut().for_each(|d| *d *= scale);
        for (i, (s, y, rho)) in history.iter().enumerate() {
            let beta = rho * dot(y, &direction);
            axpy(alphas[i] - beta, s, &mut direction);
        }
        direction.iter_mut().for_each(|d| *d = -*d);
        let mut slope = dot(&g, &direction);
        if slope >= 0.0 {
            // Not a descent direction (numerical trouble): restart.
            history.clear();
            direction.iter_mut().zip(&g).for_each(|(d, gi)| *d = -gi);
            slope = -dot(&g, &g);
        }

        // Backtracking line search (Armijo condition).
        let mut step = 1.0;
        let mut next_value;
        let mut tries = 0;
        loop {
            x_next
                .iter_mut()
                .zip(x.iter())
                .zip(&direction)
                .for_each(|((xn, xi), d)| *xn = xi + step * d);
            next_value = f(&x_next, &mut g_next);
            tries += 1;
            if next_value <= value + 1e-4 * step * slope || tries >= 40 {
                break;
            }
            step *= 0.5;
        }

        // Remember the curvature pair (s, y) when it is usable.
        let mut pair = if history.len() == MEMORY {
            history.pop_front().map(|(s, y, _)| (s, y)).unwrap_or_default()
        } else {
            (vec![0.0; n], vec![0.0; n])
        };
        pair.0
            .iter_mut()
            .zip(x_next.iter().zip(x.iter()))
            .for_each(|(s, (a, b))| *s = a - b);
        pair.1
            .iter_mut()
            .zip(g_next.iter().zip(&g))
            .for_each(|(y, (a, b))| *y = a - b);
        let ys = dot(&pair.0, &pair.1);
        if ys > 1e-12 {
            history.push_back((pair.0, pair.1, 1.0 / ys));
        }

        let decrease = (value - next_value) / value.abs().max(next_value.abs()).max(1.0);
        std::mem::swap(x, &mut x_next);
        std::mem::swap(&mut g, &mut g_next);
        value = next_value;
        if decrease < stop.relative_decrease {
            break;
        }
    }
    iterations
}

/// aᵀb with eight independent sums, so the compiler can use SIMD (one
/// running sum is a chain of dependent additions, several times slower on
/// vectors of hundreds of thousands).
fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut sums = [0.0; 8];
    let (a_chunks, b_chunks) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f64 = a_chunks
        .remainder()
        .iter()
        .zip(b_chunks.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in a_chunks.zip(b_chunks) {
        for k in 0..8 {
            sums[k] += x[k] * y[k];
        }
    }
    sums.iter().sum::<f64>() + tail
}

/// y += a·x
fn axpy(a: f64, x: &[f64], y: &mut [f64]) {
    y.iter_mut().zip(x).for_each(|(yi, xi)| *yi += a * xi);
}

#[cfg(test)]
mod tests {
    use super::*;

    const STOP: Stop = Stop {
        max_iters: 500,
        gradient: 1e-9,
        relative_decrease: 0.0,
    };

    #[test]
    fn finds_the_minimum_of_an_ill_conditioned_quadratic() {
        // f(x) = Σ kᵢ (xᵢ − i)², condition number 1000.
        let scales: Vec<f64> = (1..=20).map(|i| f64::from(i).powi(2) * 2.5).collect();
        let f = |x: &[f64], g: &mut [f64]| {
            let mut value = 0.0;
            for i in 0..x.len() {
                let d = x[i] - i as f64;
                value += scales[i] * d * d;
                g[i] = 2.0 * scales[i] * d;
            }
            value
        };
        let mut x = vec![0.0; 20];
        minimize(f, &mut x, STOP);
        for (i, xi) in x.iter().enumerate() {
            assert!((xi - i as f64).abs() < 1e-6, "x[{i}] = {xi}");
        }
    }

    #[test]
    fn finds_the_rosenbrock_valley_floor() {
        let f = |x: &[f64], g: &mut [f64]| {
            let (a, b) = (x[0], x[1]);
            g[0] = -2.0 * (1.0 - a) - 400.0 * a * (b - a * a);
            g[1] = 200.0 * (b - a * a);
            (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2)
        };
        let mut x = vec![-1.2, 1.0];
        minimize(f, &mut x, STOP);
        assert!((x[0] - 1.0).abs() < 1e-5 && (x[1] - 1.0).abs() < 1e-5, "{x:?}");
    }

    #[test]
    fn dot_product_handles_any_length() {
        for n in [0, 1, 7, 8, 9, 31] {
            let a: Vec<f64> = (0..n).map(f64::from).collect();
            let expected: f64 = (0..n).map(|i| f64::from(i * i)).sum();
            assert_eq!(dot(&a, &a), expected, "n = {n}");
        }
    }

    #[test]
    fn stops_at_the_iteration_limit() {
        let f = |x: &[f64], g: &mut [f64]| {
            g[0] = 2.0 * (x[0] - 3.0);
            (x[0] - 3.0).powi(2)
        };
        let mut x = vec![0.0];
        let iterations = minimize(f, &mut x, Stop { max_iters: 1, ..STOP });
        assert_eq!(iterations, 1);
    }
}
