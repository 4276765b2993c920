@main struct Notify { static func main() {} }
