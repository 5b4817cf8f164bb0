"""The quiz questions of the theory lessons 00–03, in the format of :mod:`ganlib.exercises.quiz_questions`."""

THEORY: dict[str, list[dict]] = {
    "00": [
        {
            "question": {
                "en": "What does a generative model learn?",
                "vi": "Một mô hình sinh (generative model) học điều gì?",
            },
            "choices": [
                {
                    "en": "p(y | x): the label of a given image",
                    "vi": "p(y | x): nhãn của một ảnh cho trước",
                },
                {
                    "en": "p(x): the distribution of the data, so that it can sample new images",
                    "vi": "p(x): phân phối của chính dữ liệu, để lấy mẫu được ảnh mới",
                },
                {
                    "en": "a distance between two images",
                    "vi": "một khoảng cách giữa hai ảnh",
                },
            ],
            "answer": 1,
            "why": {
                "en": "A discriminative model learns p(y | x); a generative model learns p(x) itself and can draw "
                      "new samples from it.",
                "vi": "Mô hình phân biệt học p(y | x); mô hình sinh học chính p(x) và lấy mẫu mới được từ nó.",
            },
        },
        {
            "question": {
                "en": "Why do digits drawn with independent pixels crumble into dots?",
                "vi": "Vì sao chữ số vẽ bằng các điểm ảnh độc lập lại vỡ thành chấm rời rạc?",
            },
            "choices": [
                {
                    "en": "The per-pixel ink probabilities were estimated from too few images",
                    "vi": "Xác suất có mực của từng điểm ảnh được ước lượng từ quá ít ảnh",
                },
                {
                    "en": "The images are only 28×28",
                    "vi": "Ảnh chỉ có kích thước 28×28",
                },
                {
                    "en": "Real pixels depend on each other, and the model ignores that joint structure",
                    "vi": "Các điểm ảnh thật phụ thuộc lẫn nhau, còn mô hình bỏ qua cấu trúc đồng thời đó",
                },
            ],
            "answer": 2,
            "why": {
                "en": "A pixel next to ink usually holds ink. Sampling each pixel on its own loses that, whatever "
                      "the number of images: a generative model must learn the joint distribution.",
                "vi": "Điểm ảnh cạnh nét mực thường cũng có mực. Lấy mẫu từng điểm ảnh riêng lẻ làm mất điều đó, "
                      "dù có bao nhiêu ảnh: mô hình sinh phải học phân phối đồng thời.",
            },
        },
        {
            "question": {
                "en": "How many numbers does one MNIST image hold (the dimension of x)?",
                "vi": "Một ảnh MNIST chứa bao nhiêu con số (số chiều của x)?",
            },
            "number": 784,
            "tolerance": 0,
            "why": {
                "en": "28 × 28 = 784 grey levels: p(x) is a distribution in 784 dimensions.",
                "vi": "28 × 28 = 784 mức xám: p(x) là một phân phối trong 784 chiều.",
            },
        },
        {
            "question": {
                "en": "In a GAN, which network ever sees a real image?",
                "vi": "Trong GAN, mạng nào được nhìn thấy ảnh thật?",
            },
            "choices": [
                {
                    "en": "Only the discriminator D",
                    "vi": "Chỉ bộ phân biệt D",
                },
                {
                    "en": "Only the generator G",
                    "vi": "Chỉ bộ sinh G",
                },
                {
                    "en": "Both",
                    "vi": "Cả hai",
                },
            ],
            "answer": 0,
            "why": {
                "en": "G turns noise into images and learns only from the gradient D sends back.",
                "vi": "G biến nhiễu thành ảnh và chỉ học từ gradient mà D gửi về.",
            },
        },
    ],
    "01": [
        {
            "question": {
                "en": "Untrained police answer D(x) = 1/2 for every note. What is their BCE loss (in nats)?",
                "vi": "Cảnh sát chưa huấn luyện trả lời D(x) = 1/2 cho mọi tờ tiền. Mất mát BCE của họ bằng bao "
                      "nhiêu (nat)?",
            },
            "number": 1.386,
            "tolerance": 0.005,
            "why": {
                "en": "−log(1/2) for the real notes plus −log(1 − 1/2) for the fakes: 2 log 2 = log 4 ≈ 1.386.",
                "vi": "−log(1/2) cho tiền thật cộng −log(1 − 1/2) cho tiền giả: 2 log 2 = log 4 ≈ 1.386.",
            },
        },
        {
            "question": {
                "en": "The equilibrium (G*, D*) of min_G max_D V is…",
                "vi": "Điểm cân bằng (G*, D*) của min_G max_D V là…",
            },
            "choices": [
                {
                    "en": "a global maximum of V",
                    "vi": "một cực đại toàn cục của V",
                },
                {
                    "en": "a global minimum of V",
                    "vi": "một cực tiểu toàn cục của V",
                },
                {
                    "en": "a saddle point: V(G*, D) ≤ V(G*, D*) ≤ V(G, D*)",
                    "vi": "một điểm yên ngựa: V(G*, D) ≤ V(G*, D*) ≤ V(G, D*)",
                },
            ],
            "answer": 2,
            "why": {
                "en": "D maximises and G minimises: neither gains by moving alone, which is a saddle point, not an"
                      " extremum in both variables.",
                "vi": "D cực đại hóa còn G cực tiểu hóa: không bên nào có lợi khi đơn phương thay đổi, đó là điểm "
                      "yên ngựa, không phải cực trị theo cả hai biến.",
            },
        },
        {
            "question": {
                "en": "Why are the counterfeits detached in the police's step?",
                "vi": "Vì sao tiền giả được detach trong bước của cảnh sát?",
            },
            "choices": [
                {
                    "en": "Otherwise the police's loss sends G the opposite of its own gradient",
                    "vi": "Nếu không, mất mát của cảnh sát gửi cho G gradient ngược dấu với gradient của chính nó",
                },
                {
                    "en": "Only to save computation",
                    "vi": "Chỉ để tiết kiệm tính toán",
                },
                {
                    "en": "detach() makes the police learn faster",
                    "vi": "detach() giúp cảnh sát học nhanh hơn",
                },
            ],
            "answer": 0,
            "why": {
                "en": "L_D = −V, so its gradient with respect to G's parameters is exactly −(G's own gradient); if"
                      " it leaked in it would undo what G learns.",
                "vi": "L_D = −V, nên gradient của nó theo tham số của G đúng bằng −(gradient của chính G); nếu lọt"
                      " vào, nó sẽ xóa những gì G học được.",
            },
        },
        {
            "question": {
                "en": "A loop runs k = 5 times but calls backward() and step() once, after the loop. How many "
                      "police updates per round?",
                "vi": "Một vòng lặp chạy k = 5 lần nhưng chỉ gọi backward() và step() một lần, sau vòng lặp. Mỗi "
                      "vòng cảnh sát được cập nhật bao nhiêu lần?",
            },
            "number": 1,
            "tolerance": 0,
            "why": {
                "en": "Only the last batch's loss is back-propagated and stepped: the code looks like k = 5 but is"
                      " k = 1.",
                "vi": "Chỉ mất mát của batch cuối được lan truyền ngược và cập nhật: code trông như k = 5 nhưng "
                      "thực chất là k = 1.",
            },
        },
    ],
    "02": [
        {
            "question": {
                "en": "For a fixed G, the best discriminator is D*(x) = …",
                "vi": "Với G cố định, bộ phân biệt tốt nhất là D*(x) = …",
            },
            "choices": [
                {
                    "en": "p_data(x) / (p_data(x) + p_g(x))",
                    "vi": "p_data(x) / (p_data(x) + p_g(x))",
                },
                {
                    "en": "p_g(x) / (p_data(x) + p_g(x))",
                    "vi": "p_g(x) / (p_data(x) + p_g(x))",
                },
                {
                    "en": "p_data(x) − p_g(x)",
                    "vi": "p_data(x) − p_g(x)",
                },
            ],
            "answer": 0,
            "why": {
                "en": "Pointwise, a log y + b log(1 − y) is largest at y = a / (a + b), with a = p_data(x) and b ="
                      " p_g(x).",
                "vi": "Tại từng điểm, a log y + b log(1 − y) lớn nhất khi y = a / (a + b), với a = p_data(x) và b "
                      "= p_g(x).",
            },
        },
        {
            "question": {
                "en": "What is min_G max_D V(G, D) (a number)?",
                "vi": "min_G max_D V(G, D) bằng bao nhiêu (một con số)?",
            },
            "number": -1.386,
            "tolerance": 0.005,
            "why": {
                "en": "V(G, D*) = −log 4 + 2 JSD(p_data ‖ p_g), and the JSD is 0 only at p_g = p_data: the minimum"
                      " is −log 4 ≈ −1.386.",
                "vi": "V(G, D*) = −log 4 + 2 JSD(p_data ‖ p_g), và JSD chỉ bằng 0 khi p_g = p_data: giá trị nhỏ "
                      "nhất là −log 4 ≈ −1.386.",
            },
        },
        {
            "question": {
                "en": "Far out in the tails, p_data(x) and p_g(x) both round to 0. How should D*(x) be computed?",
                "vi": "Ở rất xa trong phần đuôi, p_data(x) và p_g(x) đều bị làm tròn thành 0. Nên tính D*(x) thế nào?",
            },
            "choices": [
                {
                    "en": "As the ratio of the two densities, and replace nan by 1/2",
                    "vi": "Bằng tỉ số hai mật độ, rồi thay nan bằng 1/2",
                },
                {
                    "en": "It cannot be computed there",
                    "vi": "Không thể tính được ở đó",
                },
                {
                    "en": "As sigmoid(log p_data(x) − log p_g(x)), from logpdf",
                    "vi": "Bằng sigmoid(log p_data(x) − log p_g(x)), từ logpdf",
                },
            ],
            "answer": 2,
            "why": {
                "en": "The log densities stay finite where the densities underflow; the ratio gives 0/0 = nan, and"
                      " 1/2 would be wrong whenever one tail is heavier.",
                "vi": "Log mật độ vẫn hữu hạn ở nơi mật độ bị làm tròn thành 0; tỉ số cho 0/0 = nan, còn 1/2 sẽ "
                      "sai mỗi khi một đuôi nặng hơn đuôi kia.",
            },
        },
    ],
    "03": [
        {
            "question": {
                "en": "KL(N(0, 1) ‖ N(3, 1)) in nats?",
                "vi": "KL(N(0, 1) ‖ N(3, 1)) bằng bao nhiêu nat?",
            },
            "number": 4.5,
            "tolerance": 0.01,
            "why": {
                "en": "For equal variances KL = (μ1 − μ2)² / (2σ²) = 9/2: it grows without bound, unlike the JSD.",
                "vi": "Khi hai phương sai bằng nhau, KL = (μ1 − μ2)² / (2σ²) = 9/2: KL tăng không giới hạn, khác "
                      "với JSD.",
            },
        },
        {
            "question": {
                "en": "Two distributions whose supports do not overlap are moved further apart. Their JSD…",
                "vi": "Hai phân phối có giá không chồng lên nhau được đẩy ra xa hơn. JSD của chúng…",
            },
            "choices": [
                {
                    "en": "grows with the distance",
                    "vi": "tăng theo khoảng cách",
                },
                {
                    "en": "falls to 0",
                    "vi": "giảm về 0",
                },
                {
                    "en": "stays at log 2, so its derivative is 0",
                    "vi": "giữ nguyên ở log 2, nên đạo hàm bằng 0",
                },
            ],
            "answer": 2,
            "why": {
                "en": "With no overlap, the mixture m is p/2 on p's support and q/2 on q's: both KLs are log 2 "
                      "whatever the gap. This is the vanishing gradient; W1 keeps a slope of 1.",
                "vi": "Khi không chồng lên nhau, hỗn hợp m bằng p/2 trên giá của p và q/2 trên giá của q: cả hai "
                      "KL đều bằng log 2 bất kể khoảng cách. Đó là tiêu biến gradient; W1 vẫn giữ độ dốc 1.",
            },
        },
        {
            "question": {
                "en": "Fitting one Gaussian to a two-mode mixture by minimising reverse KL(q ‖ p) tends to…",
                "vi": "Khớp một phân phối chuẩn với hỗn hợp hai đỉnh bằng cách cực tiểu hóa KL ngược KL(q ‖ p) "
                      "thường…",
            },
            "choices": [
                {
                    "en": "sit on one mode",
                    "vi": "nằm trên một đỉnh",
                },
                {
                    "en": "cover both modes with a wide bell",
                    "vi": "phủ cả hai đỉnh bằng một đường hình chuông rộng",
                },
                {
                    "en": "sit exactly between the modes, where p is small",
                    "vi": "nằm đúng giữa hai đỉnh, nơi p nhỏ",
                },
            ],
            "answer": 0,
            "why": {
                "en": "Reverse KL averages log(q/p) over q, so q is punished wherever it puts mass where p has "
                      "little: it is mode-seeking. Forward KL is mode-covering.",
                "vi": "KL ngược lấy trung bình log(q/p) theo q, nên q bị phạt ở mọi nơi nó đặt khối lượng mà p có "
                      "ít: KL ngược bám mode. KL thuận thì bao phủ mode.",
            },
        },
        {
            "question": {
                "en": "Which is the cross-entropy H(p, q)?",
                "vi": "Entropy chéo H(p, q) là biểu thức nào?",
            },
            "choices": [
                {
                    "en": "E_q[log q]",
                    "vi": "E_q[log q]",
                },
                {
                    "en": "−E_p[log q]",
                    "vi": "−E_p[log q]",
                },
                {
                    "en": "E_p[log p − log q]",
                    "vi": "E_p[log p − log q]",
                },
            ],
            "answer": 1,
            "why": {
                "en": "H(p, q) = −E_p[log q] = H(p) + KL(p ‖ q); E_p[log p − log q] is the KL alone, and E_q[log "
                      "q] is −H(q), which does not even contain p.",
                "vi": "H(p, q) = −E_p[log q] = H(p) + KL(p ‖ q); E_p[log p − log q] chỉ là KL, còn E_q[log q] là "
                      "−H(q), không hề chứa p.",
            },
        },
    ],
}
