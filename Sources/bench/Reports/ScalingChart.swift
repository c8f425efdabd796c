import Gate
import Foundation
import Runners

/// `bench scale --chart`: one panel per job, time against K, both on log
/// scales, one line per model with its name at the line's end.
enum ScalingChart {
    static let width = 920.0
    static let panelHeight = 380.0
    static let plot = (left: 80.0, right: 700.0)
    static let palette = ["#4c78a8", "#f58518", "#54a24b", "#b279a2", "#e45756", "#72b7b2", "#eeca3b", "#9d755d",
                          "#bab0ac", "#ff9da6"]

    static func render(_ jobs: [Scaling.Curves], host: String) -> String {
        var body = [
            SVGChart.text("Time as K grows (median; both axes logarithmic; lower is better)",
                          x: width / 2, y: 30, size: 18, anchor: "middle", weight: "bold"),
            SVGChart.text(host, x: width / 2, y: 52, size: 12, anchor: "middle"),
        ]
        var top = 70.0
        for job in jobs {
            body += panel(job, top: top)
            top += panelHeight + 30
        }
        return SVGChart.document(width: width, height: top, body: body)
    }

    private static func panel(_ job: Scaling.Curves, top: Double) -> [String] {
        let values = job.times.flatMap { $0.seconds.compactMap { $0 } }.filter { $0 > 0 }
        guard let low = values.min(), let high = values.max(), let lastK = job.ks.last, let firstK = job.ks.first else {
            return [SVGChart.text("\(job.job): nothing measured", x: plot.left, y: top + 20, size: 14)]
        }
        // Whole decades around the data.
        let yMin = pow(10, floor(log10(low))), yMax = pow(10, ceil(log10(high * 1.0001)))
        let (plotTop, plotBottom) = (top + 30, top + panelHeight - 40)
        let x = { (k: Int) in
            plot.left + (log10(Double(k)) - log10(Double(firstK))) / max(1e-9, log10(Double(lastK)) - log10(Double(firstK)))
                * (plot.right - plot.left)
        }
        let y = { (seconds: Double) in
            plotBottom - (log10(seconds) - log10(yMin)) / (log10(yMax) - log10(yMin)) * (plotBottom - plotTop)
        }
        var items = [SVGChart.text(job.job == "cpu" ? "CPU-bound: K prime-counting jobs" : "I/O-bound: K concurrent GETs",
                                   x: plot.left, y: top + 16, size: 15, weight: "bold")]
        var decade = yMin
        while decade <= yMax * 1.0001 {
            items.append(line(plot.left, y(decade), plot.right, y(decade), colour: SVGChart.Colour.grid))
            items.append(SVGChart.text(Format.seconds(decade) + " s", x: plot.left - 6, y: y(decade) + 4, size: 11,
                                       anchor: "end"))
            decade *= 10
        }
        for k in job.ks {
            items.append(line(x(k), plotTop, x(k), plotBottom, colour: SVGChart.Colour.grid))
            items.append(SVGChart.text("K = \(k)", x: x(k), y: plotBottom + 18, size: 11, anchor: "middle"))
        }
        var labels: [(y: Double, text: String, colour: String)] = []
        for (index, entry) in job.times.enumerated() {
            let colour = palette[index % palette.count]
            let points = zip(job.ks, entry.seconds).compactMap { k, seconds in
                seconds.flatMap { $0 > 0 ? (x(k), y($0)) : nil }
            }
            guard let end = points.last else { continue }
            let list = points.map { "\(SVGChart.fixed($0.0)),\(SVGChart.fixed($0.1))" }.joined(separator: " ")
            items.append("<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\""
                + (entry.model.isAntiPattern ? " stroke-dasharray=\"6,3\"" : "") + "/>")
            items += points.map { "<circle cx=\"\(SVGChart.fixed($0.0))\" cy=\"\(SVGChart.fixed($0.1))\" r=\"3\" fill=\"\(colour)\"/>" }
            labels.append((end.1, entry.model.rawValue + (end.0 < plot.right - 1 ? " (stops early)" : ""), colour))
        }
        // Names in a column right of the plot, at their line's last height, pushed apart to stay legible.
        labels.sort { $0.y < $1.y }
        for index in labels.indices.dropFirst() where labels[index].y < labels[index - 1].y + 13 {
            labels[index].y = labels[index - 1].y + 13
        }
        items += labels.map { SVGChart.text($0.text, x: plot.right + 14, y: $0.y + 4, size: 11, colour: $0.colour) }
        return items
    }

    private static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, colour: String) -> String {
        "<line x1=\"\(SVGChart.fixed(x1))\" y1=\"\(SVGChart.fixed(y1))\" x2=\"\(SVGChart.fixed(x2))\" "
            + "y2=\"\(SVGChart.fixed(y2))\" stroke=\"\(colour)\" stroke-width=\"1\"/>"
    }
}
