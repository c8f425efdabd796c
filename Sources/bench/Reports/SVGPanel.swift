import Gate

/// One job's panel of the SVG chart: title, bars, value labels, the ideal,
/// and an x axis with its own scale.
struct SVGPanel {
    var workload: WorkloadResult
    var top: Double

    /// The panel's elements and its height.
    func render() -> ([String], Double) {
        typealias Chart = SVGChart
        let left = Chart.labelWidth
        let times = workload.models.map(\.medianWall) + [workload.ideal].compactMap { $0 }
        let scale = ChartScale(values: times, length: Chart.barArea)
        var items = [Chart.text(workload.title, x: 20, y: top + 18, size: 14, weight: "bold")]
        let barsTop = top + 44
        let barsBottom = barsTop + Double(workload.models.count) * Chart.rowHeight
        // Grid lines and tick labels first, so bars draw over them.
        for tick in scale.ticks {
            let x = left + scale.position(tick)
            items.append("<line x1=\"\(Chart.fixed(x))\" y1=\"\(barsTop - 6)\" x2=\"\(Chart.fixed(x))\" y2=\"\(barsBottom)\" stroke=\"\(Chart.Colour.grid)\"/>")
            items.append(Chart.text(Self.tickLabel(tick), x: x, y: barsBottom + 16, size: 11, anchor: "middle"))
        }
        items.append("<line x1=\"\(left)\" y1=\"\(barsBottom)\" x2=\"\(left + Chart.barArea)\" y2=\"\(barsBottom)\" stroke=\"\(Chart.Colour.text)\"/>")
        items.append(Chart.text(scale.logarithmic ? "seconds (log scale)" : "seconds", x: left + Chart.barArea / 2,
                                y: barsBottom + 34, size: 12, anchor: "middle"))
        for (index, model) in workload.models.enumerated() {
            let y = barsTop + Double(index) * Chart.rowHeight
            let length = max(scale.position(model.medianWall), 1)
            let colour = !model.ok ? Chart.Colour.failed : model.antiPattern ? Chart.Colour.warning : Chart.Colour.bar
            let name = model.model + (model.antiPattern ? " (anti-pattern)" : "")
            items.append(Chart.text(name, x: left - 8, y: y + 15, size: 13, anchor: "end"))
            items.append("<rect x=\"\(left)\" y=\"\(Chart.fixed(y))\" width=\"\(Chart.fixed(length))\" height=\"\(Chart.barHeight)\" fill=\"\(colour)\"/>")
            let value = Format.seconds(model.medianWall) + " s" + (model.ok ? "" : " FAILED")
            items.append(Chart.text(value, x: left + length + 6, y: y + 15, size: 12))
        }
        if let ideal = workload.ideal {
            let x = left + scale.position(ideal)
            items.append("<line x1=\"\(Chart.fixed(x))\" y1=\"\(barsTop - 10)\" x2=\"\(Chart.fixed(x))\" y2=\"\(barsBottom)\" "
                + "stroke=\"\(Chart.Colour.ideal)\" stroke-width=\"2\" stroke-dasharray=\"6,4\"/>")
            items.append(Chart.text("ideal \(Format.seconds(ideal)) s", x: x + 4, y: barsTop - 12, size: 12,
                                    weight: "bold", colour: Chart.Colour.ideal))
        }
        return (items, barsBottom - top + 56)
    }

    /// "0.5", "10", "0.001": short, no trailing zeros.
    static func tickLabel(_ value: Double) -> String {
        var text = Format.fixed(value, digits: 4)
        while text.contains("."), text.last == "0" { text.removeLast() }
        if text.last == "." { text.removeLast() }
        return text
    }
}
