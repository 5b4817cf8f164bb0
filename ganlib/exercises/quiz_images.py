"""The quiz questions of lesson 07 (the convolutional GAN), in the format of :mod:`ganlib.exercises.quiz_questions`."""

IMAGES: dict[str, list[dict]] = {
    "07": [
        {
            "question": {
                "en": "G doubles the side of its maps with stride-2 transposed convolutions. Why kernel 4 rather "
                      "than kernel 3?",
                "vi": "G nhân đôi cạnh các bản đồ đặc trưng bằng tích chập chuyển vị bước 2. Vì sao dùng bộ lọc 4 "
                      "mà không dùng bộ lọc 3?",
            },
            "choices": [
                {"en": "kernel 4 costs less arithmetic than kernel 3",
                 "vi": "bộ lọc 4 tốn ít phép tính hơn bộ lọc 3"},
                {"en": "4 is a multiple of the stride, so every inner output pixel receives the same number of "
                       "kernel taps",
                 "vi": "4 chia hết cho bước, nên mọi điểm ảnh bên trong của đầu ra nhận cùng một số lần phủ của "
                       "bộ lọc"},
                {"en": "a larger kernel has more parameters, so G learns faster",
                 "vi": "bộ lọc lớn hơn có nhiều tham số hơn, nên G học nhanh hơn"},
            ],
            "answer": 1,
            "why": {
                "en": "With kernel 3 and stride 2, neighbouring outputs are covered 1 or 2 times per axis: a "
                      "checkerboard is built in before any learning. Kernel 4 covers each inner pixel exactly "
                      "2 times per axis; resizing and then convolving avoids it too.",
                "vi": "Với bộ lọc 3 và bước 2, các điểm ảnh đầu ra kề nhau được phủ 1 hoặc 2 lần theo mỗi chiều: "
                      "vân bàn cờ có sẵn trước khi học. Bộ lọc 4 phủ mọi điểm ảnh bên trong đúng 2 lần theo mỗi "
                      "chiều; phóng to rồi mới tích chập cũng tránh được vân này.",
            },
        },
        {
            "question": {
                "en": "In training mode, a D with BatchNorm scores one real digit inside a batch of real digits, "
                      "then the same digit inside a batch of fakes. Why can its score change?",
                "vi": "Ở chế độ huấn luyện, một D có BatchNorm chấm một chữ số thật nằm trong batch toàn chữ số "
                      "thật, rồi chấm chính chữ số đó trong batch toàn ảnh giả. Vì sao điểm của nó có thể đổi?",
            },
            "choices": [
                {"en": "BatchNorm normalises with the batch's mean and variance, so the other images enter the "
                       "score",
                 "vi": "BatchNorm chuẩn hóa bằng trung bình và phương sai của batch, nên các ảnh khác góp phần vào "
                       "điểm"},
                {"en": "D's weights are updated between the two calls",
                 "vi": "trọng số của D được cập nhật giữa hai lần gọi"},
                {"en": "it cannot: each image goes through the network on its own",
                 "vi": "không thể: mỗi ảnh đi qua mạng riêng rẽ"},
            ],
            "answer": 0,
            "why": {
                "en": "The batch statistics of an all-real or all-fake batch give away which kind it is, so D can "
                      "lean on them instead of looking at each digit. Spectral normalisation rescales the "
                      "weights only: each image is scored alone.",
                "vi": "Thống kê của một batch toàn ảnh thật hay toàn ảnh giả để lộ batch đó thuộc loại nào, nên D "
                      "có thể dựa vào chúng thay vì nhìn từng chữ số. Chuẩn hóa phổ chỉ co giãn trọng số: mỗi ảnh "
                      "được chấm riêng.",
            },
        },
        {
            "question": {
                "en": "A DCGAN epoch takes about twice as long as an MLP epoch. Why compare the two models at equal "
                      "training time rather than at equal epochs?",
                "vi": "Một epoch của DCGAN tốn khoảng gấp đôi thời gian một epoch của MLP. Vì sao so hai mô hình "
                      "ở cùng thời gian huấn luyện chứ không phải ở cùng số epoch?",
            },
            "choices": [
                {"en": "at equal epochs the MLP overfits", "vi": "ở cùng số epoch, MLP bị quá khớp"},
                {"en": "a DCGAN epoch shows D more images", "vi": "một epoch của DCGAN cho D xem nhiều ảnh hơn"},
                {"en": "equal epochs hand more compute to the costlier model; the fair question is which gives "
                       "better samples for the same cost",
                 "vi": "cùng số epoch là cho mô hình đắt hơn nhiều phép tính hơn; câu hỏi công bằng là mô hình nào "
                       "cho mẫu tốt hơn với cùng chi phí"},
            ],
            "answer": 2,
            "why": {
                "en": "A convolution reuses each parameter at every position: fewer parameters, more arithmetic per "
                      "step. Time follows the arithmetic, so each model gets the epochs that fit one budget, "
                      "timed side by side on the same machine.",
                "vi": "Tích chập dùng lại mỗi tham số ở mọi vị trí: ít tham số hơn, nhiều phép tính hơn mỗi bước. "
                      "Thời gian đi theo số phép tính, nên mỗi mô hình nhận số epoch vừa với cùng một ngân sách, "
                      "đo cạnh nhau trên cùng một máy.",
            },
        },
        {
            "question": {
                "en": "z₀ and z₁ are drawn independently from N(0, I₁₀₀), so each has a norm close to 10. About "
                      "what norm does the midpoint (z₀ + z₁)/2 of the straight line between them have?",
                "vi": "z₀ và z₁ được lấy độc lập từ N(0, I₁₀₀), nên chuẩn của mỗi vector gần 10. Điểm giữa "
                      "(z₀ + z₁)/2 của đoạn thẳng nối chúng có chuẩn khoảng bao nhiêu?",
            },
            "number": 7.07,
            "tolerance": 0.3,
            "why": {
                "en": "Each coordinate of the midpoint has variance 1/4 + 1/4 = 1/2, so the norm is about "
                      "√(100/2) = 10/√2 ≈ 7.1: a region G hardly saw in training. Spherical interpolation (slerp) "
                      "follows an arc and keeps the norm near 10.",
                "vi": "Mỗi tọa độ của điểm giữa có phương sai 1/4 + 1/4 = 1/2, nên chuẩn khoảng √(100/2) = 10/√2 "
                      "≈ 7.1: một vùng G hầu như không gặp khi huấn luyện. Nội suy cầu (slerp) đi theo cung tròn "
                      "và giữ chuẩn gần 10.",
            },
        },
        {
            "question": {
                "en": "For each generated digit we find the nearest real training digit in the classifier's "
                      "feature space. Suppose these distances were much smaller than the distance from a real "
                      "digit to its nearest other real digit. What would that suggest?",
                "vi": "Với mỗi chữ số sinh ra, ta tìm chữ số thật gần nhất trong tập huấn luyện, trong không gian "
                      "đặc trưng của bộ phân loại. Giả sử các khoảng cách này nhỏ hơn hẳn khoảng cách từ một chữ "
                      "số thật tới chữ số thật khác gần nó nhất. Điều đó gợi ý gì?",
            },
            "choices": [
                {"en": "G has learnt the digits better than the data shows them",
                 "vi": "G đã học các chữ số tốt hơn cách dữ liệu thể hiện chúng"},
                {"en": "G copies training digits: its samples sit closer to them than real digits sit to each other",
                 "vi": "G chép lại chữ số huấn luyện: mẫu của G nằm gần chúng hơn cả mức các chữ số thật nằm gần "
                       "nhau"},
                {"en": "the classifier's features are broken",
                 "vi": "các đặc trưng của bộ phân loại bị hỏng"},
            ],
            "answer": 1,
            "why": {
                "en": "Real-to-real distances are the yardstick of how close two different hands get. Samples much "
                      "closer than that to a training digit are near-copies: memorisation, not a learnt "
                      "distribution.",
                "vi": "Khoảng cách giữa hai chữ số thật là thước đo chữ viết của hai người gần nhau tới đâu. Mẫu "
                      "nằm gần chữ số huấn luyện hơn hẳn mức đó là gần như bản sao: học thuộc, chứ không học được "
                      "phân phối.",
            },
        },
    ],
}
